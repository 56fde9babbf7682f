using k8s;
using k8s.Models;

namespace SharpKube.Scheduler.Tests.Fixtures;

/// <summary>Reading what the scheduler did to pods, through the API.</summary>
public static class Pods
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates <paramref name="pod"/> in <paramref name="ns"/>.</summary>
    public static Task<V1Pod> CreateAsync(this Kubernetes client, string ns, V1Pod pod)
    {
        pod.Metadata.Uid = null;
        pod.Metadata.NamespaceProperty = ns;
        pod.Status = null;
        return client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Ct);
    }

    /// <summary>The pod.</summary>
    public static Task<V1Pod> PodAsync(this Kubernetes client, string ns, string name) =>
        client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: Ct);

    /// <summary>The node the pod is bound to ("" when none).</summary>
    public static async Task<string> NodeOfAsync(this Kubernetes client, string ns, string name) =>
        (await client.PodAsync(ns, name)).Spec.NodeName ?? "";

    /// <summary>Waits until the pod is bound and returns its node.</summary>
    public static async Task<string> BoundNodeAsync(this Kubernetes client, string ns, string name)
    {
        var node = "";
        await Eventually.TrueAsync(async () => (node = await client.NodeOfAsync(ns, name)).Length > 0, $"pod {name} is bound");
        return node;
    }

    /// <summary>The pod's PodScheduled condition, if any.</summary>
    public static async Task<V1PodCondition?> ScheduledConditionAsync(this Kubernetes client, string ns, string name) =>
        (await client.PodAsync(ns, name)).Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");

    /// <summary>The events about <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public static async Task<IList<Corev1Event>> EventsAboutAsync(this Kubernetes client, string ns, string name) =>
        (await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=" + name, cancellationToken: Ct)).Items;
}
