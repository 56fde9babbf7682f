using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.NodeLifecycle;

/// <summary>
/// Adds and removes taints on a node: a merge patch of <c>spec.taints</c> conditional on the resourceVersion it was
/// computed from, retried from a fresh read on conflict. Taints match by key and effect; one already there is kept
/// as is (with its <c>timeAdded</c>).
/// </summary>
internal sealed class NodeTaintWriter(ResourceClient<V1Node> client, SharedInformer<V1Node> nodes)
{
    private const int Attempts = 5;

    /// <summary>Swaps taints on <paramref name="nodeName"/>; false when the node is gone.</summary>
    public async Task<bool> SwapAsync(string nodeName, IReadOnlyList<V1Taint> add, IReadOnlyList<V1Taint> remove, CancellationToken cancellationToken)
    {
        var node = nodes.Indexer.Get(null, nodeName);
        for (var attempt = 1; ; attempt++)
        {
            if (node is null)
            {
                return false;
            }
            var current = node.Spec?.Taints ?? [];
            var kept = current.Where(t => !remove.Any(r => r.Key == t.Key && r.Effect == t.Effect)).ToList();
            var added = add.Where(a => !NodeTaints.Has(kept, a.Key, a.Effect)).ToList();
            if (added.Count == 0 && kept.Count == current.Count)
            {
                return true;
            }
            var taints = new JsonArray();
            foreach (var taint in kept.Concat(added))
            {
                taints.Add(JsonNode.Parse(KubernetesJson.Serialize(taint)));
            }
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = node.Metadata.ResourceVersion },
                ["spec"] = new JsonObject { ["taints"] = taints.Count == 0 ? null : taints },
            };
            try
            {
                await client.PatchAsync(null, nodeName, new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), cancellationToken)
                    .ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (ApiErrors.IsNotFound(e))
            {
                return false;
            }
            catch (Exception e) when (ApiErrors.IsConflict(e) && attempt < Attempts)
            {
                node = await client.GetAsync(null, nodeName, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A taint of <paramref name="key"/> and <paramref name="effect"/>, stamped with the time for <c>NoExecute</c> ones.</summary>
    public static V1Taint Taint(string key, string effect, DateTime now) =>
        new() { Key = key, Effect = effect, TimeAdded = effect == NodeTaints.NoExecute ? now : null };
}
