using k8s;
using k8s.Models;

namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>Plays the kubelet's part in tests: binds pods and writes their status through <c>pods/status</c>.</summary>
public static class PodStatuses
{
    /// <summary>Assigns a pod to a node through <c>pods/binding</c>.</summary>
    public static Task BindAsync(Kubernetes client, string ns, string pod, string node) =>
        client.CoreV1.CreateNamespacedPodBindingAsync(new V1Binding
        {
            Metadata = new V1ObjectMeta { Name = pod },
            Target = new V1ObjectReference { Kind = "Node", Name = node },
        }, pod, ns, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Sets the pod's phase and, when <paramref name="readySince"/> is given, a Ready=True condition from then.</summary>
    public static async Task SetAsync(Kubernetes client, string ns, string pod, string phase, DateTime? readySince)
    {
        var current = await client.CoreV1.ReadNamespacedPodAsync(pod, ns, cancellationToken: TestContext.Current.CancellationToken);
        current.Status ??= new V1PodStatus();
        current.Status.Phase = phase;
        current.Status.Conditions = readySince is { } since
            ? [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = since }]
            : [new V1PodCondition { Type = "Ready", Status = "False", LastTransitionTime = DateTime.UtcNow }];
        await client.CoreV1.ReplaceNamespacedPodStatusAsync(current, pod, ns, cancellationToken: TestContext.Current.CancellationToken);
    }
}
