namespace SharpKube.Controllers.Deployment;

/// <summary>
/// The server refused the new ReplicaSet as invalid (e.g. a name too long): retrying cannot help until the
/// Deployment changes, so the sync stops without requeueing. The failure is on the Deployment's Progressing
/// condition and in a Warning event.
/// </summary>
internal sealed class NewReplicaSetRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NewReplicaSetRejectedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NewReplicaSetRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the API failure.</summary>
    public NewReplicaSetRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
