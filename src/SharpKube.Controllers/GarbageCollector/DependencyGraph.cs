using System.Threading.Channels;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;

namespace SharpKube.Controllers.GarbageCollector;

/// <summary>
/// The owner → dependents graph of every object, built from informer events on one loop (upstream's
/// GraphBuilder). It never acts itself: it queues, by uid, what may need collecting — dependents whose owner went
/// away, owners that may now finish a foreground deletion, owners to orphan, and owners only known from
/// references (virtual nodes, verified by a live read) — for the workers to decide with live reads.
/// </summary>
public sealed class DependencyGraph(RateLimitingQueue<string> attemptToDelete, RateLimitingQueue<string> attemptToOrphan,
    AbsentOwnerCache absentOwners, ILogger logger)
{
    private const string OrphanFinalizer = "orphan";
    private const string ForegroundFinalizer = "foregroundDeletion";
    private readonly Lock _lock = new();
    private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
    private readonly Channel<GraphChange> _changes = Channel.CreateUnbounded<GraphChange>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>How many nodes (observed and virtual) the graph holds.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>Queues a change; never blocks (informer handlers and workers call it).</summary>
    public void Enqueue(GraphChange change) => _changes.Writer.TryWrite(change);

    /// <summary>Applies queued changes, in order, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in _changes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                Apply(change);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A copy of the node with uid <paramref name="uid"/>, or null when the graph has none.</summary>
    public NodeSnapshot? Snapshot(string uid)
    {
        lock (_lock)
        {
            if (!_nodes.TryGetValue(uid, out var node))
            {
                return null;
            }
            return new NodeSnapshot(node.Identity, node.Observed, node.DeletingDependents,
                [.. node.Dependents.Select(d => new DependentSnapshot(d.Identity, d.DeletingDependents, node.IsBlockedBy(d)))]);
        }
    }

    /// <summary>Applies one change at once (the loop's step; tests may call it directly).</summary>
    public void Apply(GraphChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            switch (change.Type)
            {
                case GraphChangeType.Upsert when change.Object is { } obj:
                    Upsert(obj);
                    break;
                case GraphChangeType.Delete when change.Object is { } obj:
                    ObservedDelete(obj);
                    break;
                case GraphChangeType.VirtualDelete when change.Identity is { } identity:
                    VirtualDelete(identity);
                    break;
                default:
                    logger.LogWarning("Ignored a malformed graph change {Type}", change.Type);
                    break;
            }
        }
    }

    private void Upsert(PartialObjectMetadata obj)
    {
        var identity = ObjectIdentity.Of(obj);
        if (identity.Uid.Length == 0)
        {
            return;
        }
        var owners = (IReadOnlyList<V1OwnerReference>?)obj.Metadata.OwnerReferences?.ToList() ?? [];
        if (!_nodes.TryGetValue(identity.Uid, out var node))
        {
            node = new GraphNode(identity, observed: true) { Owners = owners };
            _nodes.Add(identity.Uid, node);
            AddToOwners(node, owners);
        }
        else
        {
            if (!node.Observed || !node.Identity.SameObjectAs(identity))
            {
                // A virtual node came true, perhaps under other coordinates than its dependents used: let them recheck.
                if (!node.Identity.SameObjectAs(identity))
                {
                    EnqueueAll(attemptToDelete, node.Dependents);
                }
                node.Observed = true;
            }
            node.Identity = identity;
            UpdateOwners(node, owners);
        }
        ProcessDeletionState(node, obj.Metadata);
    }

    /// <summary>Follows the owner references' changes: new owners gain a dependent, dropped ones lose it.</summary>
    private void UpdateOwners(GraphNode node, IReadOnlyList<V1OwnerReference> owners)
    {
        var before = node.Owners.ToDictionary(o => o.Uid ?? "", StringComparer.Ordinal);
        var after = owners.ToDictionary(o => o.Uid ?? "", StringComparer.Ordinal);
        node.Owners = owners;
        foreach (var (uid, old) in before)
        {
            if (!_nodes.TryGetValue(uid, out var owner))
            {
                continue;
            }
            if (!after.TryGetValue(uid, out var current))
            {
                owner.Dependents.Remove(node);
                EnqueueIfWaiting(owner);
            }
            else if (old.BlockOwnerDeletion == true && current.BlockOwnerDeletion != true)
            {
                EnqueueIfWaiting(owner);
            }
        }
        AddToOwners(node, [.. owners.Where(o => !before.ContainsKey(o.Uid ?? "")
            || !SameCoordinates(before[o.Uid ?? ""], o))]);
    }

    private void AddToOwners(GraphNode node, IEnumerable<V1OwnerReference> owners)
    {
        foreach (var reference in owners)
        {
            if (string.IsNullOrEmpty(reference.Uid))
            {
                continue;
            }
            var referenced = ObjectIdentity.Of(reference, node.Identity.Namespace);
            if (!_nodes.TryGetValue(reference.Uid, out var owner))
            {
                // Known only from this reference: a worker checks whether it exists.
                owner = new GraphNode(referenced, observed: false);
                _nodes.Add(reference.Uid, owner);
                attemptToDelete.Add(reference.Uid);
            }
            else if (owner.Observed && !Matches(owner.Identity, referenced))
            {
                // The uid exists, but not where the reference points (wrong kind, name or namespace): the
                // reference is dangling, which the dependent's own check will find.
                attemptToDelete.Add(node.Identity.Uid);
            }
            owner.Dependents.Add(node);
        }
    }

    /// <summary>Queues orphaning or foreground deletion when the object is being deleted with those finalizers.</summary>
    private void ProcessDeletionState(GraphNode node, V1ObjectMeta metadata)
    {
        var deleting = metadata.DeletionTimestamp is not null;
        var finalizers = metadata.Finalizers ?? [];
        if (deleting && finalizers.Contains(OrphanFinalizer))
        {
            attemptToOrphan.Add(node.Identity.Uid);
        }
        if (deleting && finalizers.Contains(ForegroundFinalizer))
        {
            if (!node.DeletingDependents)
            {
                node.DeletingDependents = true;
                EnqueueAll(attemptToDelete, node.Dependents);
            }
            attemptToDelete.Add(node.Identity.Uid);
        }
        else
        {
            node.DeletingDependents = false;
        }
    }

    private void ObservedDelete(PartialObjectMetadata obj)
    {
        var identity = ObjectIdentity.Of(obj);
        if (!_nodes.TryGetValue(identity.Uid, out var node))
        {
            return;
        }
        absentOwners.Add(identity);
        Remove(node);
    }

    private void VirtualDelete(ObjectIdentity identity)
    {
        if (!_nodes.TryGetValue(identity.Uid, out var node))
        {
            return;
        }
        absentOwners.Add(identity);
        if (node.Observed && !node.Identity.SameObjectAs(identity))
        {
            // The object exists elsewhere: only references using those coordinates dangle; their dependents recheck.
            EnqueueAll(attemptToDelete, node.Dependents);
            return;
        }
        Remove(node);
    }

    /// <summary>Drops a node: its dependents lost an owner, its owners may be waiting for it.</summary>
    private void Remove(GraphNode node)
    {
        _nodes.Remove(node.Identity.Uid);
        foreach (var reference in node.Owners)
        {
            if (_nodes.TryGetValue(reference.Uid ?? "", out var owner))
            {
                owner.Dependents.Remove(node);
                EnqueueIfWaiting(owner);
            }
        }
        EnqueueAll(attemptToDelete, node.Dependents);
    }

    private void EnqueueIfWaiting(GraphNode owner)
    {
        if (owner.DeletingDependents)
        {
            attemptToDelete.Add(owner.Identity.Uid);
        }
    }

    private static void EnqueueAll(RateLimitingQueue<string> queue, IEnumerable<GraphNode> nodes)
    {
        foreach (var node in nodes)
        {
            queue.Add(node.Identity.Uid);
        }
    }

    /// <summary>An observed identity against a reference's: group, kind and name, and the namespace when the object has one.</summary>
    private static bool Matches(ObjectIdentity observed, ObjectIdentity referenced) =>
        observed.Group == referenced.Group && observed.Kind == referenced.Kind && observed.Name == referenced.Name
        && (observed.Namespace.Length == 0 || observed.Namespace == referenced.Namespace);

    private static bool SameCoordinates(V1OwnerReference a, V1OwnerReference b) =>
        ObjectIdentity.GroupOf(a.ApiVersion ?? "") == ObjectIdentity.GroupOf(b.ApiVersion ?? "") && a.Kind == b.Kind && a.Name == b.Name;
}
