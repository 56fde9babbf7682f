using k8s;
using k8s.Models;

namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>Pods made by tests, and the status a kubelet would give them.</summary>
public static class TestPods
{
    /// <summary>Creates a pod with <paramref name="labels"/> and one container declaring an <c>http</c> port.</summary>
    public static Task<V1Pod> CreateAsync(Kubernetes client, string ns, string name, IDictionary<string, string> labels,
        int httpPort = 8080, IList<string>? finalizers = null) =>
        client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labels, Finalizers = finalizers },
            Spec = new V1PodSpec
            {
                Containers =
                [
                    new V1Container
                    {
                        Name = "app",
                        Image = "nginx",
                        Ports = [new V1ContainerPort { Name = "http", ContainerPort = httpPort }],
                    },
                ],
            },
        }, ns, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Gives a pod an IP and a Ready condition through the status subresource, as the kubelet does.</summary>
    public static async Task<V1Pod> SetRunningAsync(Kubernetes client, string ns, string name, string ip, bool ready)
    {
        var pod = await client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: TestContext.Current.CancellationToken);
        pod.Status ??= new V1PodStatus();
        pod.Status.Phase = "Running";
        pod.Status.PodIP = ip;
        pod.Status.PodIPs = [new V1PodIP { Ip = ip }];
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }];
        return await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, ns, cancellationToken: TestContext.Current.CancellationToken);
    }
}
