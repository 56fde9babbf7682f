using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Resources;

namespace SharpKube.Kubelet.Node;

/// <summary>
/// Registers the kubelet's Node: creates it, or — when one of that name exists (a restarted kubelet) — adopts it,
/// adding the kubelet's labels. Retries with backoff until it succeeds or the kubelet stops, as upstream's
/// registerWithAPIServer does.
/// </summary>
public static class NodeRegistration
{
    /// <summary>Registers <paramref name="node"/>; returns the Node as stored.</summary>
    public static async Task<V1Node> RegisterAsync(ResourceClient<V1Node> nodes, V1Node node, ILogger logger, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await RegisterOnceAsync(nodes, node, logger, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Unable to register node {Node} with the API server: {Error}", node.Metadata.Name, e.Message);
            }
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(7).Ticks));
        }
    }

    private static async Task<V1Node> RegisterOnceAsync(ResourceClient<V1Node> nodes, V1Node node, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var created = await nodes.CreateAsync(node, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Successfully registered node {Node}", node.Metadata.Name);
            return created;
        }
        catch (Exception e) when (ApiErrors.IsConflict(e))
        {
            // The Node exists: keep it (its podCIDR, taints, other labels) and add ours.
        }
        var labelled = await nodes.PatchAsync(null, node.Metadata.Name,
            new V1Patch(new { metadata = new { labels = node.Metadata.Labels } }, V1Patch.PatchType.MergePatch), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Node {Node} was already registered; adopted it", node.Metadata.Name);
        return labelled;
    }
}
