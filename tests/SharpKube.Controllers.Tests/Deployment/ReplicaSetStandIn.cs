using k8s;
using k8s.Autorest;
using k8s.Models;
using SharpKube.Client.Resources;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.Deployment;

/// <summary>
/// Plays the ReplicaSet controller's part in deployment tests, which must not depend on it: reports ReplicaSet
/// status (replicas, ready, available, observedGeneration) through the status subresource, as that controller would
/// once its pods exist and are ready.
/// </summary>
public sealed class ReplicaSetStandIn(Kubernetes client)
{
    /// <summary>The namespace's ReplicaSets, oldest first (a consistent list).</summary>
    public async Task<List<V1ReplicaSet>> ListAsync(string ns, string? labelSelector = null)
    {
        var list = await client.AppsV1.ListNamespacedReplicaSetAsync(ns, labelSelector: labelSelector,
            cancellationToken: TestContext.Current.CancellationToken);
        return [.. list.Items.OrderBy(rs => rs.Metadata.CreationTimestamp).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Reports <paramref name="rs"/> with <paramref name="replicas"/> pods of which <paramref name="available"/> are
    /// ready and available, at its current generation. False when the ReplicaSet changed since it was read (409).
    /// </summary>
    public async Task<bool> ReportAsync(V1ReplicaSet rs, int replicas, int available)
    {
        rs.Status = new V1ReplicaSetStatus
        {
            Replicas = replicas,
            FullyLabeledReplicas = replicas,
            ReadyReplicas = available,
            AvailableReplicas = available,
            ObservedGeneration = rs.Metadata.Generation,
        };
        try
        {
            await client.AppsV1.ReplaceNamespacedReplicaSetStatusAsync(rs, rs.Metadata.Name, rs.Metadata.NamespaceProperty,
                cancellationToken: TestContext.Current.CancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (ApiErrors.IsConflict(e))
        {
            return false;
        }
    }

    /// <summary>True when the ReplicaSet's status does not yet show all of <c>spec.replicas</c> available at its generation.</summary>
    public static bool Lags(V1ReplicaSet rs) =>
        rs.Status is not { } status
        || status.Replicas != Spec(rs)
        || (status.AvailableReplicas ?? 0) != Spec(rs)
        || (status.ObservedGeneration ?? 0) < (rs.Metadata.Generation ?? 0);

    /// <summary>Makes the oldest lagging ReplicaSet fully available; false when none lags (or it changed meanwhile).</summary>
    public async Task<bool> CompleteOneAsync(string ns)
    {
        var lagging = (await ListAsync(ns)).FirstOrDefault(Lags);
        return lagging is not null && await ReportAsync(lagging, Spec(lagging), Spec(lagging));
    }

    /// <summary>Completes ReplicaSet statuses until the Deployment reports a finished rollout.</summary>
    public async Task CompleteRolloutAsync(string ns, string deployment)
    {
        await Eventually.TrueAsync(async () =>
        {
            await CompleteOneAsync(ns);
            return await IsRolledOutAsync(client, ns, deployment);
        }, $"deployment {ns}/{deployment} rolled out");
    }

    /// <summary>True when the Deployment's status shows its rollout finished, as <c>kubectl rollout status</c> judges it.</summary>
    public static async Task<bool> IsRolledOutAsync(Kubernetes client, string ns, string name)
    {
        var d = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: TestContext.Current.CancellationToken);
        var replicas = d.Spec.Replicas ?? 1;
        return (d.Status?.ObservedGeneration ?? 0) >= (d.Metadata.Generation ?? 0)
            && (d.Status?.UpdatedReplicas ?? 0) == replicas
            && (d.Status?.Replicas ?? 0) == replicas
            && (d.Status?.AvailableReplicas ?? 0) == replicas;
    }

    /// <summary>A ReplicaSet's <c>spec.replicas</c>.</summary>
    public static int Spec(V1ReplicaSet rs) => rs.Spec.Replicas ?? 1;
}
