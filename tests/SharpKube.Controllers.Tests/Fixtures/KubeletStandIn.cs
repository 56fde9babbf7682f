using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>
/// Plays the scheduler's and the kubelet's parts for one namespace, in the background, so that end-to-end
/// controller tests can run without either: every pod gets bound to <see cref="NodeName"/>, then reported
/// Running and Ready with an IP; a pod being deleted gracefully is removed with grace period 0, as the kubelet
/// does once its containers have stopped. Everything goes through the API (<c>pods/binding</c>,
/// <c>pods/status</c>, DELETE), so the controllers see only what a real node would make them see.
/// </summary>
public sealed class KubeletStandIn : IAsyncDisposable
{
    private readonly Kubernetes _client;
    private readonly string _namespace;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _nextIp = 2;

    private KubeletStandIn(Kubernetes client, string ns)
    {
        _client = client;
        _namespace = ns;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>The node every pod is bound to (it does not need to exist: nothing here checks nodes).</summary>
    public string NodeName => "stand-in-" + _namespace;

    /// <summary>Starts looking after the pods of <paramref name="ns"/>.</summary>
    public static KubeletStandIn Start(Kubernetes client, string ns) => new(client, ns);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var pods = await _client.CoreV1.ListNamespacedPodAsync(_namespace, cancellationToken: cancellationToken);
                foreach (var pod in pods.Items)
                {
                    await LookAfterAsync(pod, cancellationToken);
                }
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException)
            {
                // A pod changed or went meanwhile (409/404), or the namespace is going: look again.
            }
        }
    }

    private async Task LookAfterAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var name = pod.Metadata.Name;
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            await _client.CoreV1.DeleteNamespacedPodAsync(name, _namespace, new V1DeleteOptions { GracePeriodSeconds = 0 },
                cancellationToken: cancellationToken);
            return;
        }
        if (string.IsNullOrEmpty(pod.Spec.NodeName))
        {
            await _client.CoreV1.CreateNamespacedPodBindingAsync(new V1Binding
            {
                Metadata = new V1ObjectMeta { Name = name },
                Target = new V1ObjectReference { Kind = "Node", Name = NodeName },
            }, name, _namespace, cancellationToken: cancellationToken);
            return;
        }
        if (pod.Status?.Phase == "Running")
        {
            return;
        }
        var now = DateTime.UtcNow;
        var ip = "10.244.0." + Interlocked.Increment(ref _nextIp).ToString(CultureInfo.InvariantCulture);
        pod.Status ??= new V1PodStatus();
        pod.Status.Phase = "Running";
        pod.Status.HostIP = "192.0.2.1";
        pod.Status.PodIP = ip;
        pod.Status.PodIPs = [new V1PodIP { Ip = ip }];
        pod.Status.StartTime = now;
        pod.Status.Conditions =
        [
            new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now },
            new V1PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = now },
            new V1PodCondition { Type = "ContainersReady", Status = "True", LastTransitionTime = now },
            new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = now },
        ];
        pod.Status.ContainerStatuses = [.. pod.Spec.Containers.Select(c => new V1ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            ImageID = "",
            Ready = true,
            Started = true,
            RestartCount = 0,
            State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = now } },
        })];
        await _client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, _namespace, cancellationToken: cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
