namespace SharpKube.Scheduler.Scheduling;

/// <summary>The cluster has no nodes at all (upstream's <c>ErrNoNodesAvailable</c>).</summary>
public sealed class NoNodesAvailableException : Exception
{
    /// <summary>The error, with upstream's message.</summary>
    public NoNodesAvailableException()
        : base("no nodes available to schedule pods")
    {
    }

    /// <summary>The error with another message.</summary>
    public NoNodesAvailableException(string message)
        : base(message)
    {
    }

    /// <summary>The error with another message and a cause.</summary>
    public NoNodesAvailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
