namespace SharpKube.Kubelet.Images;

/// <summary><c>ctr images import</c> failed; the message carries what ctr wrote on stderr.</summary>
public sealed class ImageImportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImageImportException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ImageImportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ImageImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an import of <paramref name="archive"/> that ended with <paramref name="exitCode"/>.</summary>
    public ImageImportException(string archive, int exitCode, string standardError)
        : base($"importing {archive} into containerd failed (ctr exited with {exitCode}): {standardError.Trim()}")
    {
        Archive = archive;
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>The archive that was being imported.</summary>
    public string Archive { get; } = "";

    /// <summary>ctr's exit code.</summary>
    public int ExitCode { get; }

    /// <summary>What ctr wrote on stderr.</summary>
    public string StandardError { get; } = "";
}
