using System.Runtime.CompilerServices;
using k8s.Models;
using SharpKube.ApiMachinery.Selectors;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary><c>apps/v1</c> ReplicaSets, for the replica controller core.</summary>
public sealed class ReplicaSetKind : IReplicaKind<V1ReplicaSet>
{
    // Cached objects are immutable, so a selector compiled once per object instance stays right.
    private readonly ConditionalWeakTable<V1ReplicaSet, LabelSelector> _selectors = new();

    /// <inheritdoc/>
    public string ControllerName => "replicaset";

    /// <inheritdoc/>
    public string Component => "replicaset-controller";

    /// <inheritdoc/>
    public string Kind => "ReplicaSet";

    /// <inheritdoc/>
    public string ApiVersion => "apps/v1";

    /// <inheritdoc/>
    public LabelSelector Selector(V1ReplicaSet owner) =>
        _selectors.GetValue(owner, rs => LabelSelectors.From(rs.Spec?.Selector));

    /// <inheritdoc/>
    public int Replicas(V1ReplicaSet owner) => owner.Spec?.Replicas ?? 1;

    /// <inheritdoc/>
    public int MinReadySeconds(V1ReplicaSet owner) => owner.Spec?.MinReadySeconds ?? 0;

    /// <inheritdoc/>
    public V1PodTemplateSpec? Template(V1ReplicaSet owner) => owner.Spec?.Template;

    /// <inheritdoc/>
    public ReplicaStatus StatusOf(V1ReplicaSet owner)
    {
        var status = owner.Status;
        return new ReplicaStatus(status?.Replicas ?? 0, status?.FullyLabeledReplicas ?? 0, status?.ReadyReplicas ?? 0,
            status?.AvailableReplicas ?? 0, status?.ObservedGeneration ?? 0,
            [.. (status?.Conditions ?? []).Select(c => new ReplicaCondition(c.Type, c.Status, c.Reason, c.Message, c.LastTransitionTime))]);
    }

    /// <inheritdoc/>
    public V1ReplicaSet WithStatus(V1ReplicaSet owner, ReplicaStatus status)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(status);
        return owner with
        {
            ApiVersion = ApiVersion,
            Kind = Kind,
            Status = new V1ReplicaSetStatus
            {
                Replicas = status.Replicas,
                FullyLabeledReplicas = status.FullyLabeledReplicas,
                ReadyReplicas = status.ReadyReplicas,
                AvailableReplicas = status.AvailableReplicas,
                ObservedGeneration = status.ObservedGeneration,
                Conditions = status.Conditions.Count == 0
                    ? null
                    : [.. status.Conditions.Select(c => new V1ReplicaSetCondition
                    {
                        Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message, LastTransitionTime = c.LastTransitionTime,
                    })],
            },
        };
    }
}
