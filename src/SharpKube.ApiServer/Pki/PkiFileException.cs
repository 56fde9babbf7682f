namespace SharpKube.ApiServer.Pki;

/// <summary>A file of the cluster PKI is missing, unreadable or not what it should be.</summary>
public sealed class PkiFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The PKI file at fault.</param>
    /// <param name="problem">What is wrong with it, as a sentence fragment.</param>
    /// <param name="innerException">The underlying I/O or parsing error, if any.</param>
    public PkiFileException(string filePath, string problem, Exception? innerException = null)
        : base($"PKI file '{filePath}' {problem}. Fix or remove it; removing ca.crt/ca.key creates a new cluster CA, "
            + "after which every kubeconfig and client certificate must be issued again.", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The PKI file at fault.</summary>
    public string FilePath { get; }
}
