namespace SharpKube.ApiServer.Store;

/// <summary>The DeleteOptions of a DELETE request.</summary>
/// <param name="GracePeriodSeconds">Requested grace period; null for the object's default.</param>
/// <param name="PropagationPolicy"><c>Orphan</c>, <c>Background</c> or <c>Foreground</c>; null for the default.</param>
/// <param name="PreconditionUid">The object must have this uid.</param>
/// <param name="PreconditionResourceVersion">The object must be at this resourceVersion.</param>
/// <param name="DryRun">True for <c>dryRun=All</c>.</param>
public sealed record DeleteRequest(
    long? GracePeriodSeconds = null,
    string? PropagationPolicy = null,
    string? PreconditionUid = null,
    string? PreconditionResourceVersion = null,
    bool DryRun = false)
{
    /// <summary>A plain delete.</summary>
    public static DeleteRequest Default { get; } = new();
}
