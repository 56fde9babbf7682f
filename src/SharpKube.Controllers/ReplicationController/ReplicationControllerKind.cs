using System.Runtime.CompilerServices;
using k8s.Models;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.Controllers.ReplicaSet;

namespace SharpKube.Controllers.ReplicationController;

/// <summary>core/v1 ReplicationControllers, for the replica controller core: a map selector, otherwise a ReplicaSet.</summary>
public sealed class ReplicationControllerKind : IReplicaKind<V1ReplicationController>
{
    private readonly ConditionalWeakTable<V1ReplicationController, LabelSelector> _selectors = new();

    /// <inheritdoc/>
    public string ControllerName => "replicationcontroller";

    /// <inheritdoc/>
    public string Component => "replication-controller";

    /// <inheritdoc/>
    public string Kind => "ReplicationController";

    /// <inheritdoc/>
    public string ApiVersion => "v1";

    /// <inheritdoc/>
    public LabelSelector Selector(V1ReplicationController owner) =>
        _selectors.GetValue(owner, rc => LabelSelectors.FromMap(rc.Spec?.Selector));

    /// <inheritdoc/>
    public int Replicas(V1ReplicationController owner) => owner.Spec?.Replicas ?? 1;

    /// <inheritdoc/>
    public int MinReadySeconds(V1ReplicationController owner) => owner.Spec?.MinReadySeconds ?? 0;

    /// <inheritdoc/>
    public V1PodTemplateSpec? Template(V1ReplicationController owner) => owner.Spec?.Template;

    /// <inheritdoc/>
    public ReplicaStatus StatusOf(V1ReplicationController owner)
    {
        var status = owner.Status;
        return new ReplicaStatus(status?.Replicas ?? 0, status?.FullyLabeledReplicas ?? 0, status?.ReadyReplicas ?? 0,
            status?.AvailableReplicas ?? 0, status?.ObservedGeneration ?? 0,
            [.. (status?.Conditions ?? []).Select(c => new ReplicaCondition(c.Type, c.Status, c.Reason, c.Message, c.LastTransitionTime))]);
    }

    /// <inheritdoc/>
    public V1ReplicationController WithStatus(V1ReplicationController owner, ReplicaStatus status)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(status);
        return owner with
        {
            ApiVersion = ApiVersion,
            Kind = Kind,
            Status = new V1ReplicationControllerStatus
            {
                Replicas = status.Replicas,
                FullyLabeledReplicas = status.FullyLabeledReplicas,
                ReadyReplicas = status.ReadyReplicas,
                AvailableReplicas = status.AvailableReplicas,
                ObservedGeneration = status.ObservedGeneration,
                Conditions = status.Conditions.Count == 0
                    ? null
                    : [.. status.Conditions.Select(c => new V1ReplicationControllerCondition
                    {
                        Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message, LastTransitionTime = c.LastTransitionTime,
                    })],
            },
        };
    }
}
