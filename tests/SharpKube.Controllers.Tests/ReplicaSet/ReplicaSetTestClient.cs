using k8s;
using k8s.Models;

namespace SharpKube.Controllers.Tests.ReplicaSet;

/// <summary>Reads the tests make over and over: the pods a controller owns, its events.</summary>
public static class ReplicaSetTestClient
{
    /// <summary>The active (not terminating) pods of <paramref name="ns"/> controlled by <paramref name="ownerUid"/>.</summary>
    public static async Task<IReadOnlyList<V1Pod>> ActivePodsOwnedByAsync(this Kubernetes client, string ns, string ownerUid)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: TestContext.Current.CancellationToken);
        return [.. pods.Items.Where(p => p.Metadata.DeletionTimestamp is null
            && p.Metadata.OwnerReferences?.Any(r => r.Controller == true && r.Uid == ownerUid) == true)];
    }

    /// <summary>Every pod of <paramref name="ns"/>.</summary>
    public static async Task<IReadOnlyList<V1Pod>> PodsAsync(this Kubernetes client, string ns) =>
        [.. (await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: TestContext.Current.CancellationToken)).Items];

    /// <summary>The events of <paramref name="ns"/> about the object named <paramref name="name"/> with reason <paramref name="reason"/>.</summary>
    public static async Task<IReadOnlyList<Corev1Event>> EventsAsync(this Kubernetes client, string ns, string name, string reason)
    {
        var events = await client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: TestContext.Current.CancellationToken);
        return [.. events.Items.Where(e => e.InvolvedObject?.Name == name && e.Reason == reason)];
    }

    /// <summary>The ReplicaSet as stored.</summary>
    public static Task<V1ReplicaSet> ReplicaSetAsync(this Kubernetes client, string ns, string name) =>
        client.AppsV1.ReadNamespacedReplicaSetAsync(name, ns, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Sets <c>spec.replicas</c> with a merge patch.</summary>
    public static Task<V1ReplicaSet> ScaleReplicaSetAsync(this Kubernetes client, string ns, string name, int replicas) =>
        client.AppsV1.PatchNamespacedReplicaSetAsync(new V1Patch($"{{\"spec\":{{\"replicas\":{replicas}}}}}", V1Patch.PatchType.MergePatch),
            name, ns, cancellationToken: TestContext.Current.CancellationToken);
}
