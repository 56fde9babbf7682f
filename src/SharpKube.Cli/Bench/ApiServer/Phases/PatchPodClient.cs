using System.Globalization;
using k8s;
using k8s.Models;
using SharpKube.Cli.Bench.ApiServer.Workload;

namespace SharpKube.Cli.Bench.ApiServer.Phases;

/// <summary>
/// Merge-patches the <see cref="BenchPods.RoundLabel"/> label of its own stripe of the run's pods (every
/// <c>clients</c>-th one), round-robin, so no two clients write the same pod.
/// </summary>
internal sealed class PatchPodClient : RequestClient
{
    private readonly Kubernetes _client;
    private readonly BenchPods _pods;
    private readonly long _first;
    private readonly long _stride;
    private readonly long _podCount;
    private long _index;
    private long _round;

    public PatchPodClient(Kubernetes client, BenchPods pods, int clientIndex, int clients, long podCount)
    {
        _client = client;
        _pods = pods;
        _first = clientIndex;
        _stride = clients;
        _podCount = podCount;
        _index = clientIndex;
    }

    /// <inheritdoc />
    protected override Task SendAsync()
    {
        var name = BenchPods.Name(_index);
        _index += _stride;
        if (_index >= _podCount)
        {
            _index = _first;
            _round++;
        }

        var patch = new V1Patch(
            "{\"metadata\":{\"labels\":{\"" + BenchPods.RoundLabel + "\":\"p" + _round.ToString(CultureInfo.InvariantCulture) + "\"}}}",
            V1Patch.PatchType.MergePatch);
        return _client.CoreV1.PatchNamespacedPodAsync(patch, name, _pods.Namespace);
    }
}
