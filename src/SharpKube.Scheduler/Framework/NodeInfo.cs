using k8s.Models;

namespace SharpKube.Scheduler.Framework;

/// <summary>
/// A node with what is on it: the pods (assumed ones included), the resources they request, the host ports they take
/// and the images the node has (upstream's <c>framework.NodeInfo</c>). The cache owns one per node and changes it under
/// its lock; the scheduling cycle reads the snapshot's copy, which <see cref="CopyFrom"/> refreshes in place so
/// that an unchanged node costs nothing and a changed one no allocation.
/// </summary>
public sealed class NodeInfo
{
    private static readonly IReadOnlyDictionary<string, ImageStateSummary> NoImages = new Dictionary<string, ImageStateSummary>();
    private readonly List<PodInfo> _pods = [];
    private readonly List<HostPort> _usedPorts = [];
    private readonly List<PodInfo> _podsWithAffinity = [];
    private readonly List<PodInfo> _podsWithRequiredAntiAffinity = [];

    /// <summary>An empty node info for <paramref name="name"/> (the node object may come later).</summary>
    public NodeInfo(string name) => Name = name;

    /// <summary>The node's name.</summary>
    public string Name { get; private set; }

    /// <summary>The node object, or null for a node the cache still holds pods of after its deletion.</summary>
    public V1Node? Node { get; private set; }

    /// <summary>The pods on the node, assumed ones included. Never mutate it.</summary>
    public IReadOnlyList<PodInfo> Pods => _pods;

    /// <summary>The pods with pod affinity or anti-affinity of any kind (InterPodAffinity scores only these when it can).</summary>
    public IReadOnlyList<PodInfo> PodsWithAffinity => _podsWithAffinity;

    /// <summary>The pods with required pod anti-affinity (which every incoming pod must respect).</summary>
    public IReadOnlyList<PodInfo> PodsWithRequiredAntiAffinity => _podsWithRequiredAntiAffinity;

    /// <summary>What the pods on the node request in total.</summary>
    public Resource Requested { get; } = new();

    /// <summary>The pods' CPU requests with request-less containers counted at 100m (for scoring).</summary>
    public long NonZeroRequestedMilliCpu { get; private set; }

    /// <summary>The pods' memory requests with request-less containers counted at 200 MiB (for scoring).</summary>
    public long NonZeroRequestedMemory { get; private set; }

    /// <summary>The node's <c>status.allocatable</c>.</summary>
    public Resource Allocatable { get; } = new();

    /// <summary>The host ports the pods take.</summary>
    public IReadOnlyList<HostPort> UsedPorts => _usedPorts;

    /// <summary>The images the node has, by every name it reports for them.</summary>
    public IReadOnlyDictionary<string, ImageStateSummary> ImageStates { get; private set; } = NoImages;

    /// <summary>Bumped by the cache on every change, so the snapshot copies only nodes that changed since it last looked.</summary>
    public long Generation { get; internal set; }

    /// <summary>
    /// Bumped by every change to this instance (its node, pods or images, or a copy over it): a plugin that kept
    /// something it worked out from this node may keep using it while the version is the same.
    /// </summary>
    public long Version { get; private set; }

    /// <summary>Sets the node object, reading its allocatable resources.</summary>
    public void SetNode(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Version++;
        Node = node;
        Name = node.Metadata?.Name ?? Name;
        Allocatable.CopyFrom(Resource.From(node.Status?.Allocatable));
    }

    /// <summary>Forgets the node object (its pods stay until they are removed).</summary>
    public void ClearNode()
    {
        Version++;
        Node = null;
        Allocatable.CopyFrom(new Resource());
        ImageStates = NoImages;
    }

    /// <summary>Sets the images (the cache shares one summary per image between nodes).</summary>
    public void SetImageStates(IReadOnlyDictionary<string, ImageStateSummary> images)
    {
        Version++;
        ImageStates = images;
    }

    /// <summary>Adds a pod: its requests, non-zero requests and host ports.</summary>
    public void AddPod(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        _pods.Add(pod);
        Update(pod, 1);
    }

    /// <summary>Removes the pod with <paramref name="uid"/>; false when it is not on the node.</summary>
    public bool RemovePod(string uid)
    {
        for (var i = 0; i < _pods.Count; i++)
        {
            if (_pods[i].Uid == uid)
            {
                var pod = _pods[i];
                // Order does not matter: swap the last pod in rather than shifting the list.
                _pods[i] = _pods[^1];
                _pods.RemoveAt(_pods.Count - 1);
                Update(pod, -1);
                return true;
            }
        }
        return false;
    }

    /// <summary>Makes this an exact copy of <paramref name="other"/>, reusing this instance's lists.</summary>
    public void CopyFrom(NodeInfo other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Version++;
        Name = other.Name;
        Node = other.Node;
        _pods.Clear();
        _pods.AddRange(other._pods);
        _usedPorts.Clear();
        _usedPorts.AddRange(other._usedPorts);
        _podsWithAffinity.Clear();
        _podsWithAffinity.AddRange(other._podsWithAffinity);
        _podsWithRequiredAntiAffinity.Clear();
        _podsWithRequiredAntiAffinity.AddRange(other._podsWithRequiredAntiAffinity);
        Requested.CopyFrom(other.Requested);
        Allocatable.CopyFrom(other.Allocatable);
        NonZeroRequestedMilliCpu = other.NonZeroRequestedMilliCpu;
        NonZeroRequestedMemory = other.NonZeroRequestedMemory;
        ImageStates = other.ImageStates;
        Generation = other.Generation;
    }

    /// <summary>A copy.</summary>
    public NodeInfo Clone()
    {
        var clone = new NodeInfo(Name);
        clone.CopyFrom(this);
        return clone;
    }

    /// <summary>Whether <paramref name="port"/> is free on the node.</summary>
    public bool IsPortFree(HostPort port)
    {
        foreach (var used in _usedPorts)
        {
            if (used.ConflictsWith(port))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {_pods.Count} pods, requested {Requested}, allocatable {Allocatable}";

    private void Update(PodInfo pod, int sign)
    {
        Version++;
        Requested.Add(pod.Requests, sign);
        NonZeroRequestedMilliCpu += sign * pod.NonZeroMilliCpu;
        NonZeroRequestedMemory += sign * pod.NonZeroMemory;
        if (pod.Affinity.HasAffinity)
        {
            UpdateList(_podsWithAffinity, pod, sign);
        }
        if (pod.Affinity.RequiredAntiAffinity.Count > 0)
        {
            UpdateList(_podsWithRequiredAntiAffinity, pod, sign);
        }
        foreach (var port in pod.HostPorts)
        {
            if (sign > 0)
            {
                _usedPorts.Add(port);
            }
            else
            {
                _usedPorts.Remove(port);
            }
        }
    }

    private static void UpdateList(List<PodInfo> pods, PodInfo pod, int sign)
    {
        if (sign > 0)
        {
            pods.Add(pod);
            return;
        }
        for (var i = 0; i < pods.Count; i++)
        {
            if (pods[i].Uid == pod.Uid)
            {
                pods[i] = pods[^1];
                pods.RemoveAt(pods.Count - 1);
                return;
            }
        }
    }
}
