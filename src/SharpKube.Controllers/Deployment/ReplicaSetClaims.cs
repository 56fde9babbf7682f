using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// Decides which ReplicaSets a Deployment owns, as upstream's controller-ref manager does: its own ReplicaSets that
/// its selector still matches; orphans its selector matches are adopted (after a fresh read confirms the
/// Deployment is not being deleted); its own ReplicaSets the selector no longer matches are released. ReplicaSets
/// of other controllers are never touched.
/// </summary>
internal sealed class ReplicaSetClaims(DeploymentSyncContext context)
{
    /// <summary>The ReplicaSets <paramref name="deployment"/> owns after adopting and releasing.</summary>
    public async Task<List<V1ReplicaSet>> ClaimAsync(V1Deployment deployment, LabelSelector selector, CancellationToken cancellationToken)
    {
        var claimed = new List<V1ReplicaSet>();
        var failures = new List<Exception>();
        var adoptionChecked = false;
        var deleting = deployment.Metadata.DeletionTimestamp is not null;
        foreach (var rs in context.ReplicaSetCache.List(deployment.Metadata.NamespaceProperty))
        {
            var owner = ControllerRefs.Of(rs.Metadata);
            var matches = LabelSelectors.Matches(selector, rs.Metadata.Labels);
            try
            {
                if (owner is not null)
                {
                    if (owner.Uid != deployment.Metadata.Uid)
                    {
                        continue;
                    }
                    if (matches)
                    {
                        claimed.Add(rs);
                    }
                    else if (!deleting)
                    {
                        await ReleaseAsync(deployment, rs, cancellationToken).ConfigureAwait(false);
                    }
                    continue;
                }
                if (deleting || !matches || rs.Metadata.DeletionTimestamp is not null)
                {
                    continue;
                }
                if (!adoptionChecked)
                {
                    await EnsureCanAdoptAsync(deployment, cancellationToken).ConfigureAwait(false);
                    adoptionChecked = true;
                }
                if (await AdoptAsync(deployment, rs, cancellationToken).ConfigureAwait(false) is { } adopted)
                {
                    claimed.Add(adopted);
                }
            }
            catch (HttpOperationException e)
            {
                failures.Add(e);
            }
        }
        if (failures.Count > 0)
        {
            throw new AggregateException($"claiming ReplicaSets for deployment {deployment.Metadata.NamespaceProperty}/{deployment.Metadata.Name}", failures);
        }
        return claimed;
    }

    private async Task EnsureCanAdoptAsync(V1Deployment deployment, CancellationToken cancellationToken)
    {
        // The cache may lag a deletion: adopt only what a fresh read shows is still a live Deployment.
        var ns = deployment.Metadata.NamespaceProperty;
        var fresh = await context.Deployments.GetAsync(ns, deployment.Metadata.Name, cancellationToken).ConfigureAwait(false);
        if (fresh is null || fresh.Metadata.Uid != deployment.Metadata.Uid)
        {
            throw new InvalidOperationException(
                $"original Deployment {ns}/{deployment.Metadata.Name} is gone: got uid {fresh?.Metadata.Uid}, wanted {deployment.Metadata.Uid}");
        }
        if (fresh.Metadata.DeletionTimestamp is { } deleted)
        {
            throw new InvalidOperationException($"{ns}/{deployment.Metadata.Name} has just been deleted at {deleted:O}");
        }
    }

    private async Task<V1ReplicaSet?> AdoptAsync(V1Deployment deployment, V1ReplicaSet rs, CancellationToken cancellationToken)
    {
        var reference = JsonNode.Parse(KubernetesJson.Serialize(ControllerRefs.For(deployment)));
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["ownerReferences"] = new JsonArray(reference), ["uid"] = rs.Metadata.Uid },
        };
        try
        {
            return await context.ReplicaSets.PatchAsync(rs.Metadata.NamespaceProperty, rs.Metadata.Name,
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    private async Task ReleaseAsync(V1Deployment deployment, V1ReplicaSet rs, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["ownerReferences"] = new JsonArray(new JsonObject { ["$patch"] = "delete", ["uid"] = deployment.Metadata.Uid }),
                ["uid"] = rs.Metadata.Uid,
            },
        };
        try
        {
            await context.ReplicaSets.PatchAsync(rs.Metadata.NamespaceProperty, rs.Metadata.Name,
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (ApiErrors.IsNotFound(e))
        {
        }
    }
}
