using Grpc.Core;
using SharpKube.Kubelet.Containers;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Pods;

/// <summary>Reads what the runtime holds for a pod, or for every pod, by the kubelet's CRI labels.</summary>
public sealed class RuntimePodReader(RuntimeService.RuntimeServiceClient runtime)
{
    /// <summary>The sandboxes and containers labelled with pod uid <paramref name="uid"/>, with their full statuses.</summary>
    public async Task<RuntimePod> ReadAsync(string uid, CancellationToken cancellationToken)
    {
        var selector = new Dictionary<string, string> { [CriLabels.PodUid] = uid };
        var sandboxFilter = new PodSandboxFilter();
        sandboxFilter.LabelSelector.Add(selector);
        var listed = await runtime.ListPodSandboxAsync(new ListPodSandboxRequest { Filter = sandboxFilter }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var sandboxes = new List<PodSandboxStatus>();
        foreach (var sandbox in listed.Items.OrderByDescending(s => s.CreatedAt))
        {
            var status = await SandboxStatusAsync(sandbox.Id, cancellationToken).ConfigureAwait(false);
            if (status is not null)
            {
                sandboxes.Add(status);
            }
        }
        var containerFilter = new ContainerFilter();
        containerFilter.LabelSelector.Add(selector);
        var containers = await runtime.ListContainersAsync(new ListContainersRequest { Filter = containerFilter }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var statuses = new List<ContainerStatus>();
        var sandboxOf = containers.Containers.ToDictionary(c => c.Id, c => c.PodSandboxId, StringComparer.Ordinal);
        foreach (var container in containers.Containers)
        {
            var status = await ContainerStatusAsync(container.Id, cancellationToken).ConfigureAwait(false);
            if (status is not null)
            {
                statuses.Add(status);
            }
        }
        statuses.Sort((a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
        return new RuntimePod(uid, sandboxes, statuses, sandboxOf);
    }

    /// <summary>
    /// The uids of every pod the runtime holds a sandbox or container of, with a fingerprint of their states, and the
    /// ids of the containers that run.
    /// </summary>
    public async Task<(Dictionary<string, string> Fingerprints, HashSet<string> Running)> FingerprintsAsync(CancellationToken cancellationToken)
    {
        var sandboxes = await runtime.ListPodSandboxAsync(new ListPodSandboxRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var containers = await runtime.ListContainersAsync(new ListContainersRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var parts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var sandbox in sandboxes.Items)
        {
            if (sandbox.Labels.TryGetValue(CriLabels.PodUid, out var uid))
            {
                Parts(parts, uid).Add("s" + sandbox.Id + ":" + (int)sandbox.State);
            }
        }
        foreach (var container in containers.Containers)
        {
            if (container.Labels.TryGetValue(CriLabels.PodUid, out var uid))
            {
                Parts(parts, uid).Add("c" + container.Id + ":" + (int)container.State);
            }
        }
        var running = containers.Containers.Where(c => c.State == ContainerState.ContainerRunning).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return (parts.ToDictionary(p => p.Key, p => string.Join(',', p.Value.Order(StringComparer.Ordinal)), StringComparer.Ordinal), running);
    }

    private static List<string> Parts(Dictionary<string, List<string>> parts, string uid)
    {
        if (!parts.TryGetValue(uid, out var list))
        {
            parts[uid] = list = [];
        }
        return list;
    }

    private async Task<PodSandboxStatus?> SandboxStatusAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = id }, cancellationToken: cancellationToken)
                .ConfigureAwait(false)).Status;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<ContainerStatus?> ContainerStatusAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = id }, cancellationToken: cancellationToken)
                .ConfigureAwait(false)).Status;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }
}
