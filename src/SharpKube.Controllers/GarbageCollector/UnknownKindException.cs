namespace SharpKube.Controllers.GarbageCollector;

/// <summary>
/// An owner reference names a kind no served resource has — perhaps a custom resource discovery has not seen yet.
/// Like upstream, the garbage collector retries with backoff rather than treating the owner as gone.
/// </summary>
public sealed class UnknownKindException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnknownKindException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public UnknownKindException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public UnknownKindException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
