using k8s.Models;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.GarbageCollector;

/// <summary>Finds out, with a live read (or the absent-owner cache), what each owner reference of a dependent points at.</summary>
public sealed class OwnerClassifier(LiveObjects objects, AbsentOwnerCache absentOwners)
{
    private const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>The state of <paramref name="reference"/>, an owner reference of <paramref name="dependent"/>.</summary>
    /// <exception cref="UnknownKindException">The reference names a kind no resource serves.</exception>
    public async Task<OwnerState> ClassifyAsync(V1OwnerReference reference, PartialObjectMetadata dependent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(dependent);
        var dependentNamespace = dependent.Metadata.NamespaceProperty ?? "";
        var referenced = ObjectIdentity.Of(reference, dependentNamespace);
        if (objects.IsNamespaced(referenced) && dependentNamespace.Length == 0)
        {
            return OwnerState.InvalidNamespace;
        }
        var owner = objects.Normalize(referenced);
        if (absentOwners.Contains(owner))
        {
            return OwnerState.Dangling;
        }
        var live = await objects.GetAsync(owner, cancellationToken).ConfigureAwait(false);
        if (live is null || live.Metadata.Uid != owner.Uid)
        {
            absentOwners.Add(owner);
            return OwnerState.Dangling;
        }
        return live.Metadata.DeletionTimestamp is not null && live.Metadata.Finalizers?.Contains(ForegroundFinalizer) == true
            ? OwnerState.WaitingForDependentsDeletion
            : OwnerState.Solid;
    }
}
