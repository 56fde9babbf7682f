using Grpc.Core;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Stats.Api;

namespace SharpKube.Kubelet.Stats;

/// <summary>
/// Builds the node's stats summary (<c>GET /stats/summary</c>, and from it <c>GET /metrics/resource</c>): the pods
/// are the runtime's ready sandboxes with their running containers, their figures read from cgroups, procfs and the
/// filesystems. <see cref="RunAsync"/> keeps the CPU samples usage rates are computed from.
/// </summary>
public sealed class SummaryProvider
{
    private readonly RuntimeService.RuntimeServiceClient _runtime;
    private readonly ImageService.ImageServiceClient? _images;
    private readonly SummaryProviderOptions _options;
    private readonly CpuUsageSampler _sampler;
    private readonly NodeStatsReader _node;
    private readonly PodStatsReader _pods;

    /// <summary>A provider reading pods from <paramref name="runtime"/> and image sizes from <paramref name="images"/> (when given).</summary>
    public SummaryProvider(RuntimeService.RuntimeServiceClient runtime, ImageService.ImageServiceClient? images, SummaryProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runtime = runtime;
        _images = images;
        _options = options;
        var cgroups = new CgroupReader(options.CgroupRoot);
        var proc = new ProcStats(options.ProcRoot);
        _sampler = new CpuUsageSampler(CpuCounters, options.SampleInterval, options.Time);
        _node = new NodeStatsReader(cgroups, proc, _sampler, options);
        _pods = new PodStatsReader(cgroups, proc, _sampler, options);
    }

    /// <summary>Samples CPU counters every <see cref="SummaryProviderOptions.SampleInterval"/> until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _sampler.RunAsync(cancellationToken);

    /// <summary>The summary now.</summary>
    /// <exception cref="RpcException">The runtime could not list its pods.</exception>
    public async Task<Summary> GetSummaryAsync(CancellationToken cancellationToken)
    {
        var sandboxes = await _runtime.ListPodSandboxAsync(new ListPodSandboxRequest
        {
            Filter = new PodSandboxFilter { State = new PodSandboxStateValue { State = PodSandboxState.SandboxReady } },
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var containers = await _runtime.ListContainersAsync(new ListContainersRequest
        {
            Filter = new ContainerFilter { State = new ContainerStateValue { State = ContainerState.ContainerRunning } },
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var imageBytes = await ImageBytesAsync(cancellationToken).ConfigureAwait(false);
        var now = _options.Time.GetUtcNow();
        var rootFs = FileSystemUsage.Of(_options.RootDirectory);
        var containersBySandbox = containers.Containers.ToLookup(c => c.PodSandboxId, StringComparer.Ordinal);
        // A restarted pod may briefly have two ready sandboxes: its newest one is the pod.
        var pods = sandboxes.Items
            .GroupBy(s => s.Metadata.Uid, StringComparer.Ordinal)
            .Select(g => g.MaxBy(s => s.CreatedAt)!)
            .OrderBy(s => s.Metadata.Namespace, StringComparer.Ordinal).ThenBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .Select(s => _pods.Read(now, s, containersBySandbox[s.Id], rootFs))
            .ToList();
        return new Summary { Node = _node.Read(now, imageBytes), Pods = pods };
    }

    /// <summary>What the runtime's images take; null without an image service or when it cannot say.</summary>
    private async Task<ulong?> ImageBytesAsync(CancellationToken cancellationToken)
    {
        if (_images is null)
        {
            return null;
        }
        try
        {
            var images = await _images.ListImagesAsync(new ListImagesRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
            return images.Images.Aggregate(0UL, (sum, image) => sum + image.Size);
        }
        catch (RpcException)
        {
            // The filesystem's own use stands in.
            return null;
        }
    }

    private IEnumerable<KeyValuePair<string, ulong>> CpuCounters() => _node.CpuCounters().Concat(_pods.CpuCounters());
}
