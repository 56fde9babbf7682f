using k8s.Models;
using SharpKube.Cli.Bench.SingleNode;
using SharpKube.Client.Resources;

namespace SharpKube.Cli.Bench.Streaming;

/// <summary>The pod the streaming benchmark talks to: busybox httpd serving a file of random bytes on port 8080.</summary>
internal sealed class StreamingPod(ResourceClient<V1Pod> pods)
{
    /// <summary>The pod's name, in the default namespace.</summary>
    public const string Name = "streaming-bench";

    /// <summary>The container's name.</summary>
    public const string Container = "main";

    /// <summary>The port httpd serves.</summary>
    public const int Port = 8080;

    /// <summary>The path of the served file.</summary>
    public const string FilePath = "/blob";

    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Creates the pod and returns its IP once it is Running with the file written.</summary>
    /// <exception cref="NodeBenchException">It did not run within <paramref name="timeout"/>, or <paramref name="failure"/> had a reason.</exception>
    public async Task<string> StartAsync(int fileMiB, TimeSpan timeout, Func<string?> failure, CancellationToken cancellationToken)
    {
        await pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = "default" },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Containers =
                [
                    new V1Container
                    {
                        Name = Container,
                        Image = SharpKube.Kubelet.Images.BusyboxImage.Reference,
                        ImagePullPolicy = "IfNotPresent",
                        Command = ["sh", "-c", $"mkdir -p /www && dd if=/dev/urandom of=/www{FilePath} bs=1048576 count={fileMiB} 2>/dev/null && touch /tmp/ready && exec httpd -f -p {Port} -h /www"],
                        ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["cat", "/tmp/ready"] }, PeriodSeconds = 1 },
                    },
                ],
            },
        }, cancellationToken);

        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (failure() is { } reason)
            {
                throw new NodeBenchException($"streaming pod: {reason}");
            }

            var pod = await pods.GetAsync("default", Name, cancellationToken);
            if (pod?.Status?.PodIP is { Length: > 0 } ip && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
            {
                return ip;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new NodeBenchException($"streaming pod: not Ready after {timeout.TotalSeconds:0} s (phase {pod?.Status?.Phase ?? "unknown"})");
            }

            await Task.Delay(_poll, cancellationToken);
        }
    }

    /// <summary>Deletes the pod and waits (up to a minute) until the kubelet removed it.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await pods.DeleteAsync("default", Name, cancellationToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline && await pods.GetAsync("default", Name, cancellationToken) is not null)
        {
            await Task.Delay(_poll, cancellationToken);
        }
    }
}
