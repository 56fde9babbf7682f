using System.Diagnostics;
using System.Globalization;
using k8s.Models;
using SharpKube.Client.Resources;
using SharpKube.Kubelet.Images;

namespace SharpKube.Cli.Bench.PodStartup.Workload;

/// <summary>
/// The benchmark's pods: busybox <c>sleep 3600</c> from the image the kubelet imported (pull policy IfNotPresent, so no
/// registry is asked), a 1 s grace period (sleep ignores SIGTERM), all labelled so they can be found and removed together.
/// </summary>
internal sealed class BenchPods(ResourceClient<V1Pod> pods)
{
    /// <summary>The namespace the pods run in.</summary>
    public const string Namespace = "default";

    /// <summary>The label every benchmark pod carries.</summary>
    public const string LabelSelector = "app=pod-startup-bench";

    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(100);

    /// <summary>The pod's name: <c>&lt;phase&gt;-0007</c>.</summary>
    public static string Name(string phase, int index) => $"{phase}-{index.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>The pod <paramref name="name"/>.</summary>
    public static V1Pod Pod(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { ["app"] = "pod-startup-bench" } },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container { Name = "sleep", Image = BusyboxImage.Reference, ImagePullPolicy = "IfNotPresent", Command = ["sleep", "3600"] },
            ],
            TerminationGracePeriodSeconds = 1,
            AutomountServiceAccountToken = false,
        },
    };

    /// <summary>
    /// Creates the pods <paramref name="names"/> all at once, each from its own task; <paramref name="beforeCreate"/>
    /// receives each name with the timestamp read just before its create call.
    /// </summary>
    public Task CreateAllAsync(IReadOnlyList<string> names, Action<string, long> beforeCreate, CancellationToken cancellationToken) =>
        Task.WhenAll(names.Select(name => Task.Run(async () =>
        {
            var pod = Pod(name);
            beforeCreate(name, Stopwatch.GetTimestamp());
            await pods.CreateAsync(pod, cancellationToken);
        }, cancellationToken)));

    /// <summary>Deletes every benchmark pod (with their grace period: the kubelet stops them, removes them and then the object).</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken)
    {
        var list = await pods.ListAsync(Namespace, new ListRequest { LabelSelector = LabelSelector }, cancellationToken);
        await Task.WhenAll(list.Items.Select(async pod =>
        {
            try
            {
                await pods.DeleteAsync(Namespace, pod.Metadata.Name, cancellationToken);
            }
            catch (Exception e) when (ApiErrors.IsNotFound(e))
            {
            }
        }));
    }

    /// <summary>Waits until no benchmark pod is left in the API (the kubelet deletes each once it removed it from the node).</summary>
    /// <returns>The pods still there when <paramref name="timeout"/> passed; empty when none is left.</returns>
    public async Task<IReadOnlyList<string>> WaitAllGoneAsync(TimeSpan timeout, Func<string?> componentFailure, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var left = await pods.ListAsync(Namespace, new ListRequest { LabelSelector = LabelSelector }, cancellationToken);
            if (left.Items.Count == 0 || Stopwatch.GetElapsedTime(start) >= timeout || componentFailure() is not null)
            {
                return [.. left.Items.Select(p => p.Metadata.Name)];
            }

            await Task.Delay(_poll, cancellationToken);
        }
    }
}
