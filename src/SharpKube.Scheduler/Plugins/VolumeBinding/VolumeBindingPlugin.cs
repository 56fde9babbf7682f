using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.VolumeBinding;

/// <summary>
/// VolumeBinding, as upstream for the storage SharpKube has (static PersistentVolumes; no provisioner yet). PreFilter
/// skips pods without claims, and rejects (unresolvable) a pod whose claim is missing or being deleted or is an unbound
/// Immediate claim. Filter checks that bound claims' volumes are reachable from the node and that each
/// WaitForFirstConsumer claim finds a free matching volume there. Reserve assumes the picked volumes so that the next
/// pods do not pick them too; PreBind writes the bindings.
/// </summary>
public sealed class VolumeBindingPlugin : IPreFilterPlugin, IFilterPlugin, IReservePlugin, IPreBindPlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "VolumeBinding";

    /// <summary>Upstream's reason when a WaitForFirstConsumer claim finds no volume on the node.</summary>
    public const string ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";

    /// <summary>Upstream's reason when a bound claim's volume cannot be reached from the node.</summary>
    public const string ErrReasonNodeConflict = "node(s) had volume node affinity conflict";

    /// <summary>Upstream's reason when a bound claim names a volume that does not exist.</summary>
    public const string ErrReasonPVNotExist = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";

    /// <summary>Upstream's PreFilter reason for Immediate claims the PV controller has not bound.</summary>
    public const string ErrReasonUnboundImmediate = "pod has unbound immediate PersistentVolumeClaims";

    private static readonly CycleStateKey<VolumeBindingState> StateKey = new(PluginName);
    private static readonly Status UnboundImmediate = Status.Unresolvable(PluginName, ErrReasonUnboundImmediate);
    private static readonly Status PVNotExist = Status.Unresolvable(PluginName, ErrReasonPVNotExist);
    private static readonly Status NodeConflict = Status.Unresolvable(PluginName, ErrReasonNodeConflict);
    private static readonly Status BindConflict = Status.Unresolvable(PluginName, ErrReasonBindConflict);
    private static readonly Status NodeConflictAndBindConflict = Status.Unresolvable(PluginName, ErrReasonNodeConflict, ErrReasonBindConflict);

    private static readonly ClusterEvent[] Events =
    [
        new(EventResource.StorageClass, ActionType.Add | ActionType.Update, "StorageClassAddOrUpdate"),
        new(EventResource.PersistentVolumeClaim, ActionType.Add | ActionType.Update, "PersistentVolumeClaimAddOrUpdate"),
        new(EventResource.PersistentVolume, ActionType.Add | ActionType.Update, "PersistentVolumeAddOrUpdate"),
        new(EventResource.Node, ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint, "NodeAddOrLabelOrTaintChange"),
    ];

    private readonly VolumeObjects _objects;
    private readonly VolumeBinder _binder;

    // Volumes picked by pods between Reserve and the informer seeing their claim reference: volume name → claim key.
    private readonly ConcurrentDictionary<string, string> _assumed = new(StringComparer.Ordinal);

    /// <summary>A plugin reading storage objects from <paramref name="objects"/> and binding through <paramref name="client"/>.</summary>
    public VolumeBindingPlugin(VolumeObjects objects, IKubernetes client)
    {
        _objects = objects ?? throw new ArgumentNullException(nameof(objects));
        _binder = new VolumeBinder(client);
    }

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        result = null;
        List<V1PersistentVolumeClaim>? bound = null;
        List<V1PersistentVolumeClaim>? toBind = null;
        var immediate = false;
        foreach (var volume in pod.Pod.Spec?.Volumes ?? [])
        {
            var ephemeral = volume.Ephemeral is not null;
            var claimName = volume.PersistentVolumeClaim?.ClaimName ?? (ephemeral ? pod.Name + "-" + volume.Name : null);
            if (claimName is null)
            {
                continue;
            }
            var claim = _objects.Claim(pod.Namespace, claimName);
            if (claim is null)
            {
                return Status.Unresolvable(PluginName, ephemeral
                    ? $"waiting for ephemeral volume controller to create the persistentvolumeclaim \"{claimName}\""
                    : $"persistentvolumeclaim \"{claimName}\" not found");
            }
            if (claim.Metadata?.DeletionTimestamp is not null)
            {
                return Status.Unresolvable(PluginName, $"persistentvolumeclaim \"{claimName}\" is being deleted");
            }
            if (ephemeral && claim.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == pod.Uid) != true)
            {
                return Status.Unresolvable(PluginName, $"PVC {pod.Namespace}/{claimName} was not created for pod {pod.Namespace}/{pod.Name} (pod is not owner)");
            }
            if (VolumeMatching.IsFullyBound(claim))
            {
                (bound ??= []).Add(claim);
            }
            else if (IsWaitForFirstConsumer(claim))
            {
                (toBind ??= []).Add(claim);
            }
            else
            {
                immediate = true;
            }
        }
        if (bound is null && toBind is null && !immediate)
        {
            return Status.SkipStatus;
        }
        if (immediate)
        {
            // Retried when a claim or volume changes (once something binds the claim).
            return UnboundImmediate;
        }
        toBind?.Sort((a, b) => VolumeMatching.Requested(a).CompareTo(VolumeMatching.Requested(b)));
        state.Write(StateKey, new VolumeBindingState(bound ?? [], toBind ?? []));
        return Status.Success;
    }

    /// <inheritdoc/>
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        if (!state.TryRead(StateKey, out var data))
        {
            return Status.Success;
        }
        if (node.Node is not { } v1Node)
        {
            return Status.Unresolvable(PluginName, "node not found");
        }
        var nodeConflict = false;
        foreach (var claim in data.Bound)
        {
            if (_objects.Volume(claim.Spec.VolumeName) is not { } volume)
            {
                return PVNotExist;
            }
            if (!VolumeMatching.IsReachableFrom(volume, v1Node))
            {
                nodeConflict = true;
                break;
            }
        }
        var bindConflict = false;
        if (data.ToBind.Count > 0)
        {
            if (FindVolumes(data.ToBind, v1Node) is { } chosen)
            {
                data.ChosenByNode[node.Name] = chosen;
            }
            else
            {
                bindConflict = true;
            }
        }
        return (nodeConflict, bindConflict) switch
        {
            (true, true) => NodeConflictAndBindConflict,
            (true, false) => NodeConflict,
            (false, true) => BindConflict,
            _ => Status.Success,
        };
    }

    /// <inheritdoc/>
    public Status Reserve(CycleState state, PodInfo pod, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryRead(StateKey, out var data) || !data.ChosenByNode.TryGetValue(nodeName, out var chosen))
        {
            return Status.Success;
        }
        foreach (var decision in chosen)
        {
            _assumed[decision.VolumeName] = decision.ClaimKey;
        }
        data.Reserved = chosen;
        return Status.Success;
    }

    /// <inheritdoc/>
    public void Unreserve(CycleState state, PodInfo pod, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryRead(StateKey, out var data))
        {
            return;
        }
        foreach (var decision in data.Reserved)
        {
            _assumed.TryRemove(KeyValuePair.Create(decision.VolumeName, decision.ClaimKey));
        }
        data.Reserved = [];
    }

    /// <inheritdoc/>
    public async ValueTask<Status> PreBindAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryRead(StateKey, out var data) || data.Reserved.Length == 0)
        {
            return Status.Success;
        }
        foreach (var decision in data.Reserved)
        {
            try
            {
                await _binder.BindAsync(decision, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Status.FromError(new InvalidOperationException(
                    $"binding volumes: persistentvolumeclaim \"{decision.Claim.Metadata?.Name}\" to volume \"{decision.VolumeName}\": {e.Message}", e), PluginName);
            }
        }
        return Status.Success;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ClusterEvent> EventsToRegister() => Events;

    private bool IsWaitForFirstConsumer(V1PersistentVolumeClaim claim) =>
        VolumeMatching.ClassOf(claim) is { Length: > 0 } className
        && _objects.StorageClass(className)?.VolumeBindingMode == "WaitForFirstConsumer";

    /// <summary>A free matching volume on <paramref name="node"/> for every claim (none used twice); null when one has none.</summary>
    private VolumeBindingDecision[]? FindVolumes(IReadOnlyList<V1PersistentVolumeClaim> claims, V1Node node)
    {
        var volumes = _objects.Volumes();
        var chosen = new VolumeBindingDecision[claims.Count];
        for (var i = 0; i < claims.Count; i++)
        {
            var claimKey = claims[i].Metadata?.NamespaceProperty + "/" + claims[i].Metadata?.Name;
            var picked = chosen.AsSpan(0, i).ToArray();
            var match = VolumeMatching.FindMatching(claims[i], volumes, node, volume => IsTaken(volume, claimKey, picked));
            if (match is null)
            {
                return null;
            }
            chosen[i] = new VolumeBindingDecision(claims[i], match);
        }
        return chosen;
    }

    private bool IsTaken(V1PersistentVolume volume, string claimKey, VolumeBindingDecision[] picked)
    {
        var name = volume.Metadata?.Name ?? "";
        if (Array.Exists(picked, d => d.VolumeName == name))
        {
            return true;
        }
        if (!_assumed.TryGetValue(name, out var assumedFor))
        {
            return false;
        }
        if (volume.Spec?.ClaimRef is not null)
        {
            // The informer has the binding now: the claim reference speaks for itself.
            _assumed.TryRemove(KeyValuePair.Create(name, assumedFor));
            return false;
        }
        return assumedFor != claimKey;
    }
}
