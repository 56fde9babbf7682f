using k8s;
using k8s.Models;
using SharpKube.Cli.Bench.ApiServer.Workload;

namespace SharpKube.Cli.Bench.ApiServer.Phases;

/// <summary>Creates the run's pods, each index taken from a shared source.</summary>
internal sealed class CreatePodClient : RequestClient
{
    private readonly Kubernetes _client;
    private readonly BenchPods _pods;
    private readonly PodIndexSource _source;
    private V1Pod? _next;

    public CreatePodClient(Kubernetes client, BenchPods pods, PodIndexSource source)
    {
        _client = client;
        _pods = pods;
        _source = source;
    }

    /// <inheritdoc />
    protected override bool TryTakeNext()
    {
        if (!_source.TryTake(out var index))
        {
            return false;
        }

        _next = _pods.Pod(index);
        return true;
    }

    /// <inheritdoc />
    protected override Task SendAsync() => _client.CoreV1.CreateNamespacedPodAsync(_next!, _pods.Namespace);
}
