using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// Reads the static pod manifests every interval: new and changed static pods join the pods the kubelet runs, removed
/// ones leave them (and are killed by their next sync), and their mirror pods are kept in line.
/// </summary>
public sealed class StaticPodSync(StaticPods source, MirrorPods mirrors, Indexer<V1Pod> cache, ConcurrentDictionary<string, V1Pod> podsByUid,
    Action<string> sync, TimeSpan interval, TimeProvider time, ILogger logger)
{
    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var current = source.Read();
                var uids = current.Select(p => p.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
                foreach (var pod in current.Where(p => !podsByUid.ContainsKey(p.Metadata.Uid)))
                {
                    podsByUid[pod.Metadata.Uid] = pod;
                    sync(pod.Metadata.Uid);
                }
                foreach (var gone in podsByUid.Values.Where(p => StaticPods.IsStatic(p) && !uids.Contains(p.Metadata.Uid)).ToList())
                {
                    podsByUid.TryRemove(gone.Metadata.Uid, out _);
                    sync(gone.Metadata.Uid);
                }
                await mirrors.SyncAsync(current, cache.List().Where(StaticPods.IsMirror), cancellationToken).ConfigureAwait(false);
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Syncing static pods failed: {Error}", e.Message);
                try
                {
                    await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
