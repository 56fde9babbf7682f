using System.Globalization;
using System.Net;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// Finds (or creates) a Deployment's new ReplicaSet and keeps the revisions right: the new ReplicaSet's revision is
/// one above the highest old one (a rollback reuses an old ReplicaSet and raises its revision), and the Deployment's
/// revision annotation follows it. A new ReplicaSet is named <c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c>; a name
/// taken by a different ReplicaSet is a hash collision, resolved by bumping <c>status.collisionCount</c>.
/// </summary>
internal sealed class NewReplicaSetSync(DeploymentSyncContext context)
{
    /// <summary>
    /// The new ReplicaSet (null when there is none and <paramref name="createIfMissing"/> is false) and every old one,
    /// with revisions synced.
    /// </summary>
    public async Task<(V1ReplicaSet? New, List<V1ReplicaSet> Old)> SyncAsync(DeploymentState state, bool createIfMissing,
        CancellationToken cancellationToken)
    {
        var old = state.FindOld();
        var newReplicaSet = await GetNewAsync(state, old, createIfMissing, cancellationToken).ConfigureAwait(false);
        return (newReplicaSet, old);
    }

    private async Task<V1ReplicaSet?> GetNewAsync(DeploymentState state, List<V1ReplicaSet> old, bool createIfMissing,
        CancellationToken cancellationToken)
    {
        var newRevision = (DeploymentAnnotations.MaxRevision(old) + 1).ToString(CultureInfo.InvariantCulture);
        if (state.FindNew() is { } existing)
        {
            return await SyncExistingAsync(state, existing, newRevision, cancellationToken).ConfigureAwait(false);
        }
        return createIfMissing ? await CreateAsync(state, old, newRevision, cancellationToken).ConfigureAwait(false) : null;
    }

    private async Task<V1ReplicaSet> SyncExistingAsync(DeploymentState state, V1ReplicaSet existing, string newRevision,
        CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        var copy = ModelCopy.Deep(existing);
        var annotationsChanged = DeploymentAnnotations.SetNewReplicaSetAnnotations(deployment, copy, newRevision, exists: true);
        if (annotationsChanged || (copy.Spec.MinReadySeconds ?? 0) != (deployment.Spec.MinReadySeconds ?? 0))
        {
            copy.Spec.MinReadySeconds = deployment.Spec.MinReadySeconds;
            var updated = await context.ReplicaSets.ReplaceAsync(copy, cancellationToken).ConfigureAwait(false);
            state.Track(updated);
            return updated;
        }
        var revision = copy.Metadata.Annotations?.TryGetValue(DeploymentAnnotations.Revision, out var value) == true ? value : "";
        var needsUpdate = DeploymentAnnotations.SetDeploymentRevision(deployment, revision);
        if (DeploymentProgress.HasProgressDeadline(deployment)
            && DeploymentConditions.Get(deployment.Status, DeploymentConditions.Progressing) is null)
        {
            // A Deployment that did not track progress before: start the clock from when its ReplicaSet was found.
            deployment.Status ??= new V1DeploymentStatus();
            DeploymentConditions.Set(deployment.Status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                DeploymentConditions.FoundNewReplicaSet, $"Found new replica set \"{copy.Metadata.Name}\"", context.Now));
            needsUpdate = true;
        }
        if (needsUpdate)
        {
            state.Deployment = await context.UpdateStatusAsync(deployment, cancellationToken).ConfigureAwait(false);
        }
        return copy;
    }

    private async Task<V1ReplicaSet> CreateAsync(DeploymentState state, List<V1ReplicaSet> old, string newRevision,
        CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        var desired = Build(deployment);
        desired.Spec.Replicas = DeploymentReplicas.NewReplicaSetReplicas(deployment, [.. old, desired], desired);
        DeploymentAnnotations.SetNewReplicaSetAnnotations(deployment, desired, newRevision, exists: false);
        var replicas = desired.Spec.Replicas ?? 0;
        V1ReplicaSet created;
        var alreadyExists = false;
        try
        {
            created = await context.ReplicaSets.CreateAsync(desired, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (ApiErrors.IsConflict(e))
        {
            // A slow cache (we created it before), or another ReplicaSet with the same name: a hash collision.
            alreadyExists = true;
            created = await ExistingOrCollisionAsync(state, desired.Metadata.Name, e, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            await ReportCreateFailureAsync(state, desired.Metadata.Name, e, cancellationToken).ConfigureAwait(false);
            throw;
        }
        if (!alreadyExists && replicas > 0)
        {
            context.Recorder.Event(state.Deployment, EventType.Normal, "ScalingReplicaSet",
                $"Scaled up replica set {created.Metadata.Name} from 0 to {replicas}");
        }
        state.Track(created);
        deployment = state.Deployment;
        var needsUpdate = DeploymentAnnotations.SetDeploymentRevision(deployment, newRevision);
        if (!alreadyExists && DeploymentProgress.HasProgressDeadline(deployment))
        {
            deployment.Status ??= new V1DeploymentStatus();
            DeploymentConditions.Set(deployment.Status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                DeploymentConditions.NewReplicaSetCreated, $"Created new replica set \"{created.Metadata.Name}\"", context.Now));
            needsUpdate = true;
        }
        if (needsUpdate)
        {
            state.Deployment = await context.UpdateStatusAsync(deployment, cancellationToken).ConfigureAwait(false);
        }
        return created;
    }

    private static V1ReplicaSet Build(V1Deployment deployment)
    {
        var template = ModelCopy.Deep(deployment.Spec.Template);
        var hash = PodTemplateHash.Compute(template, deployment.Status?.CollisionCount);
        template.Metadata ??= new V1ObjectMeta();
        template.Metadata.Labels = new Dictionary<string, string>(template.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [PodTemplateHash.Label] = hash,
        };
        var selector = ModelCopy.Deep(deployment.Spec.Selector);
        selector.MatchLabels = new Dictionary<string, string>(selector.MatchLabels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [PodTemplateHash.Label] = hash,
        };
        return new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta
            {
                Name = deployment.Metadata.Name + "-" + hash,
                NamespaceProperty = deployment.Metadata.NamespaceProperty,
                OwnerReferences = [ControllerRefs.For(deployment)],
                Labels = new Dictionary<string, string>(template.Metadata.Labels, StringComparer.Ordinal),
            },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = 0,
                MinReadySeconds = deployment.Spec.MinReadySeconds,
                Selector = selector,
                Template = template,
            },
        };
    }

    private async Task<V1ReplicaSet> ExistingOrCollisionAsync(DeploymentState state, string name, HttpOperationException conflict,
        CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        var ns = deployment.Metadata.NamespaceProperty;
        var existing = context.ReplicaSetCache.Get(ns, name)
            ?? await context.ReplicaSets.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            // Deleted in between: the next attempt creates it.
            throw conflict;
        }
        if (ControllerRefs.Of(existing.Metadata)?.Uid == deployment.Metadata.Uid
            && PodTemplates.EqualIgnoringHash(deployment.Spec.Template, existing.Spec?.Template))
        {
            return existing;
        }
        deployment.Status ??= new V1DeploymentStatus();
        var before = deployment.Status.CollisionCount ?? 0;
        deployment.Status.CollisionCount = before + 1;
        state.Deployment = await context.UpdateStatusAsync(deployment, cancellationToken).ConfigureAwait(false);
        context.Logger.LogInformation("Hash collision for Deployment {Key} on ReplicaSet {Name}: collisionCount {Before} -> {After}",
            state.Key, name, before, before + 1);
        throw new InvalidOperationException($"replica set \"{name}\" exists with another template; collisionCount is now {before + 1}", conflict);
    }

    private async Task ReportCreateFailureAsync(DeploymentState state, string name, HttpOperationException failure,
        CancellationToken cancellationToken)
    {
        var message = $"Failed to create new replica set \"{name}\": {DeploymentSyncContext.MessageOf(failure)}";
        var deployment = state.Deployment;
        if (DeploymentProgress.HasProgressDeadline(deployment))
        {
            deployment.Status ??= new V1DeploymentStatus();
            var before = ModelCopy.Deep(deployment.Status);
            DeploymentConditions.Set(deployment.Status, DeploymentConditions.New(DeploymentConditions.Progressing, "False",
                DeploymentConditions.ReplicaSetCreateError, message, context.Now));
            try
            {
                if (!DeploymentProgress.StatusEquals(before, deployment.Status))
                {
                    state.Deployment = await context.UpdateStatusAsync(deployment, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (HttpOperationException e)
            {
                // The failure to create is what matters; the condition is written on a later attempt.
                context.Logger.LogDebug(e, "Could not record the ReplicaSet creation failure of {Key}", state.Key);
            }
        }
        context.Recorder.Event(deployment, EventType.Warning, DeploymentConditions.ReplicaSetCreateError, message);
        if (ApiErrors.StatusCodeOf(failure) == HttpStatusCode.UnprocessableEntity)
        {
            throw new NewReplicaSetRejectedException(message, failure);
        }
    }
}
