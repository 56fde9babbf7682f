namespace SharpKube.Controllers.Namespace;

/// <summary>Objects of one resource remain in a terminating namespace although nothing should keep them.</summary>
internal sealed class NamespaceContentException : Exception
{
    /// <summary>Creates the exception with what remains.</summary>
    public NamespaceContentException(string message, ResourceDeletionOutcome outcome)
        : base(message)
    {
        Outcome = outcome;
    }

    /// <summary>What remains of the resource.</summary>
    public ResourceDeletionOutcome Outcome { get; }
}
