using k8s;
using SharpKube.Cli.Bench.ApiServer.Workload;

namespace SharpKube.Cli.Bench.ApiServer.Phases;

/// <summary>GETs pods picked at random among the run's.</summary>
internal sealed class GetPodClient : RequestClient
{
    private readonly Kubernetes _client;
    private readonly BenchPods _pods;
    private readonly long _podCount;
    private readonly Random _random;

    public GetPodClient(Kubernetes client, BenchPods pods, long podCount, int seed)
    {
        _client = client;
        _pods = pods;
        _podCount = podCount;
        _random = new Random(seed);
    }

    /// <inheritdoc />
    protected override Task SendAsync() =>
        _client.CoreV1.ReadNamespacedPodAsync(BenchPods.Name(_random.NextInt64(_podCount)), _pods.Namespace);
}
