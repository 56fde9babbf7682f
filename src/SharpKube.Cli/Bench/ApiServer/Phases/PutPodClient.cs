using System.Globalization;
using k8s;
using k8s.Models;
using SharpKube.Cli.Bench.ApiServer.Workload;

namespace SharpKube.Cli.Bench.ApiServer.Phases;

/// <summary>
/// Updates a few pods of its own with PUT, as a controller does: it changes the <see cref="BenchPods.RoundLabel"/>
/// label of the copy it holds (with its resourceVersion) and keeps the object the server returns for the next time.
/// </summary>
internal sealed class PutPodClient : RequestClient
{
    private readonly Kubernetes _client;
    private readonly BenchPods _pods;
    private readonly V1Pod[] _owned;
    private int _next;
    private long _round;

    private PutPodClient(Kubernetes client, BenchPods pods, V1Pod[] owned)
    {
        _client = client;
        _pods = pods;
        _owned = owned;
    }

    /// <summary>Reads the pods the client will own (not timed).</summary>
    public static async Task<PutPodClient> CreateAsync(
        Kubernetes client, BenchPods pods, IEnumerable<long> indices, CancellationToken cancellationToken)
    {
        var owned = new List<V1Pod>();
        foreach (var index in indices)
        {
            owned.Add(await client.CoreV1.ReadNamespacedPodAsync(BenchPods.Name(index), pods.Namespace, cancellationToken: cancellationToken));
        }

        return new PutPodClient(client, pods, [.. owned]);
    }

    /// <inheritdoc />
    protected override async Task SendAsync()
    {
        var slot = _next;
        _next = (_next + 1) % _owned.Length;
        if (_next == 0)
        {
            _round++;
        }

        var pod = _owned[slot];
        pod.Metadata.Labels[BenchPods.RoundLabel] = "u" + _round.ToString(CultureInfo.InvariantCulture);
        _owned[slot] = await _client.CoreV1.ReplaceNamespacedPodAsync(pod, pod.Metadata.Name, _pods.Namespace);
    }
}
