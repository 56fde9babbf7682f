using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Cache;

/// <summary>
/// The scheduler's view of nodes and the pods on them (upstream's scheduler cache). Bound pods come from the
/// informer; a pod the scheduler just placed is <em>assumed</em> on its node at once, so the next cycle counts it
/// without waiting for the binding to come back through the API server; the informer's bound pod then confirms it,
/// a failed binding forgets it, and (with a TTL) an assumed pod whose binding finished but was never confirmed expires.
/// Every change bumps the node's generation and moves it to the front of a most-recently-changed list, so
/// <see cref="UpdateSnapshot"/> walks only the nodes changed since the snapshot's generation. Thread-safe; one lock.
/// </summary>
public sealed partial class SchedulerCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CachedNode> _nodes = new(StringComparer.Ordinal);
    private readonly NodeTree _tree = new();
    private readonly Dictionary<string, CachedPod> _pods = new(StringComparer.Ordinal);
    private readonly HashSet<string> _assumed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImageStateSummary> _images = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _assumedPodTtl;
    private readonly ILogger _logger;
    private CachedNode? _head;
    private long _generation;
    private long _nodeSetVersion;

    /// <summary>
    /// A cache whose assumed pods expire <paramref name="assumedPodTtl"/> after their binding finished without the
    /// informer confirming them; zero (upstream's default since 1.23) never expires them.
    /// </summary>
    public SchedulerCache(TimeProvider? time = null, TimeSpan assumedPodTtl = default, ILogger? logger = null)
    {
        _time = time ?? TimeProvider.System;
        _assumedPodTtl = assumedPodTtl;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>How many nodes (with a node object) the cache has.</summary>
    public int NodeCount
    {
        get
        {
            lock (_lock)
            {
                return _tree.Count;
            }
        }
    }

    /// <summary>How many pods (assumed ones included) the cache has.</summary>
    public int PodCount
    {
        get
        {
            lock (_lock)
            {
                return _pods.Count;
            }
        }
    }

    /// <summary>Adds a node (or refreshes one the informer re-delivers).</summary>
    public void AddNode(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_lock)
        {
            var entry = Entry(node.Metadata?.Name ?? "");
            if (!_tree.Contains(entry.Info.Name) || _tree.ZoneChanged(node))
            {
                _nodeSetVersion++;
            }
            _tree.Add(node);
            entry.Info.SetNode(node);
            UpdateImages(entry, node);
            Touch(entry);
        }
    }

    /// <summary>A node changed.</summary>
    public void UpdateNode(V1Node oldNode, V1Node newNode) => AddNode(newNode);

    /// <summary>A node was deleted; its info stays, without the node, while pods are still on it.</summary>
    public void RemoveNode(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_lock)
        {
            var name = node.Metadata?.Name ?? "";
            if (!_nodes.TryGetValue(name, out var entry))
            {
                return;
            }
            if (_tree.Remove(name))
            {
                _nodeSetVersion++;
            }
            SetImages(entry, new HashSet<string>(StringComparer.Ordinal), null);
            entry.Info.ClearNode();
            if (entry.Info.Pods.Count == 0)
            {
                Unlink(entry);
                _nodes.Remove(name);
            }
            else
            {
                Touch(entry);
            }
        }
    }

    /// <summary>
    /// Copies the nodes changed since <paramref name="snapshot"/> last looked into it (in place), and rebuilds its node
    /// list when nodes came or went. Cost: the number of changed nodes, not the number of nodes.
    /// </summary>
    public void UpdateSnapshot(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            var rebuild = snapshot.NodeSetVersion != _nodeSetVersion;
            var affinityChanged = false;
            for (var entry = _head; entry is not null && entry.Info.Generation > snapshot.Generation; entry = entry.Next)
            {
                if (entry.Info.Node is null)
                {
                    continue;
                }
                if (snapshot.Map.TryGetValue(entry.Info.Name, out var copy))
                {
                    affinityChanged |= AffinityListsDiffer(copy, entry.Info);
                    copy.CopyFrom(entry.Info);
                }
                else
                {
                    snapshot.Map[entry.Info.Name] = entry.Info.Clone();
                    rebuild = true;
                }
            }
            if (_head is not null)
            {
                snapshot.Generation = _head.Info.Generation;
            }
            if (!rebuild)
            {
                if (affinityChanged)
                {
                    snapshot.RefreshAffinityLists();
                }
                return;
            }
            if (snapshot.Map.Count > _tree.Count)
            {
                foreach (var name in snapshot.Map.Keys.Where(n => !_tree.Contains(n)).ToList())
                {
                    snapshot.Map.Remove(name);
                }
            }
            snapshot.List.Clear();
            foreach (var name in _tree.List())
            {
                snapshot.List.Add(snapshot.Map[name]);
            }
            snapshot.NodeSetVersion = _nodeSetVersion;
            snapshot.RefreshAffinityLists();
        }
    }

    /// <summary>Whether a node moves into or out of the snapshot's lists of nodes with (anti-)affinity pods.</summary>
    private static bool AffinityListsDiffer(NodeInfo snapshotCopy, NodeInfo cached) =>
        (snapshotCopy.PodsWithAffinity.Count > 0) != (cached.PodsWithAffinity.Count > 0)
        || (snapshotCopy.PodsWithRequiredAntiAffinity.Count > 0) != (cached.PodsWithRequiredAntiAffinity.Count > 0);

    /// <summary>The cache's node info of <paramref name="name"/> (a copy), or null.</summary>
    public NodeInfo? GetNode(string name)
    {
        lock (_lock)
        {
            return _nodes.TryGetValue(name, out var entry) ? entry.Info.Clone() : null;
        }
    }

    private CachedNode Entry(string name)
    {
        if (!_nodes.TryGetValue(name, out var entry))
        {
            entry = new CachedNode(new NodeInfo(name));
            _nodes[name] = entry;
        }
        return entry;
    }

    /// <summary>Bumps the node's generation and moves it to the front of the most-recently-changed list.</summary>
    private void Touch(CachedNode entry)
    {
        entry.Info.Generation = ++_generation;
        if (ReferenceEquals(_head, entry))
        {
            return;
        }
        Unlink(entry);
        entry.Next = _head;
        if (_head is not null)
        {
            _head.Previous = entry;
        }
        _head = entry;
    }

    private void Unlink(CachedNode entry)
    {
        if (entry.Previous is not null)
        {
            entry.Previous.Next = entry.Next;
        }
        if (entry.Next is not null)
        {
            entry.Next.Previous = entry.Previous;
        }
        if (ReferenceEquals(_head, entry))
        {
            _head = entry.Next;
        }
        entry.Previous = null;
        entry.Next = null;
    }

    private void UpdateImages(CachedNode entry, V1Node node)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in node.Status?.Images ?? [])
        {
            foreach (var name in image.Names ?? [])
            {
                names.Add(name);
            }
        }
        if (names.SetEquals(entry.ImageNames))
        {
            return;
        }
        SetImages(entry, names, node.Status?.Images);
    }

    private void SetImages(CachedNode entry, HashSet<string> names, IList<V1ContainerImage>? images)
    {
        foreach (var gone in entry.ImageNames.Where(n => !names.Contains(n)))
        {
            if (_images.TryGetValue(gone, out var summary) && summary.RemoveNode() <= 0)
            {
                _images.Remove(gone);
            }
        }
        var states = new Dictionary<string, ImageStateSummary>(StringComparer.Ordinal);
        foreach (var image in images ?? [])
        {
            foreach (var name in image.Names ?? [])
            {
                if (!_images.TryGetValue(name, out var summary))
                {
                    _images[name] = summary = new ImageStateSummary(image.SizeBytes ?? 0);
                }
                summary.Size = image.SizeBytes ?? summary.Size;
                if (!entry.ImageNames.Contains(name))
                {
                    summary.AddNode();
                }
                states[name] = summary;
            }
        }
        entry.ImageNames = names;
        entry.Info.SetImageStates(states);
    }
}
