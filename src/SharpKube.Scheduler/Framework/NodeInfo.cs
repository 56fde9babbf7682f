using System.Diagnostics.CodeAnalysis;
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
    private static readonly V1Taint[] NoTaints = [];
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

    /// <summary>
    /// The node's labels (<c>metadata.labels</c>), or null. Kept here, with <see cref="Taints"/> and
    /// <see cref="Unschedulable"/>, so that filters and scores read them without reaching through the node object:
    /// across thousands of nodes per cycle each extra hop is a cache miss.
    /// </summary>
    public IDictionary<string, string>? Labels { get; private set; }

    /// <summary>The label key naming a node's own topology domain.</summary>
    public const string HostnameLabel = "kubernetes.io/hostname";

    /// <summary>The label key naming a node's zone.</summary>
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    private TopologyValue _hostname;
    private TopologyValue _zone;

    /// <summary>
    /// The value of the node's label <paramref name="key"/>. The topology keys pod affinity and spreading ask about
    /// every node of every cycle (hostname, zone) are read once per node object into this instance, so asking for
    /// them touches nothing else; other keys are looked up in <see cref="Labels"/>.
    /// </summary>
    public bool TryGetLabel(string key, [NotNullWhen(true)] out string? value)
    {
        var found = TryGetTopologyValue(key, out var topology);
        value = topology.Value;
        return found;
    }

    /// <summary><see cref="TryGetLabel"/> with the value's hash, for counting per domain (see <see cref="TopologyValue"/>).</summary>
    public bool TryGetTopologyValue(string key, out TopologyValue value)
    {
        if (key == HostnameLabel)
        {
            value = _hostname;
            return value.Value is not null;
        }
        if (key == ZoneLabel)
        {
            value = _zone;
            return value.Value is not null;
        }
        if (Labels is { } labels && labels.TryGetValue(key, out var text))
        {
            value = new TopologyValue(text);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>The node's taints (<c>spec.taints</c>); empty when it has none.</summary>
    public IList<V1Taint> Taints { get; private set; } = NoTaints;

    /// <summary>Whether the node is cordoned (<c>spec.unschedulable</c>).</summary>
    public bool Unschedulable { get; private set; }

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
        Labels = node.Metadata?.Labels;
        _hostname = Labels is { } labels && labels.TryGetValue(HostnameLabel, out var hostname) ? new TopologyValue(hostname) : default;
        _zone = Labels is { } zoneLabels && zoneLabels.TryGetValue(ZoneLabel, out var zone) ? new TopologyValue(zone) : default;
        Taints = node.Spec?.Taints ?? NoTaints;
        Unschedulable = node.Spec?.Unschedulable == true;
        Allocatable.CopyFrom(Resource.From(node.Status?.Allocatable));
    }

    /// <summary>Forgets the node object (its pods stay until they are removed).</summary>
    public void ClearNode()
    {
        Version++;
        Node = null;
        Labels = null;
        _hostname = default;
        _zone = default;
        Taints = NoTaints;
        Unschedulable = false;
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
        Labels = other.Labels;
        _hostname = other._hostname;
        _zone = other._zone;
        Taints = other.Taints;
        Unschedulable = other.Unschedulable;
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
