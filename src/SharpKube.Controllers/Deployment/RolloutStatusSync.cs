using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// Writes a Deployment's status: the counts its ReplicaSets add up to, <c>Available</c>, and during rollouts the
/// <c>Progressing</c> condition with upstream's reasons and messages (which <c>kubectl rollout status</c> reads);
/// a rollout without progress is looked at again when its deadline passes.
/// </summary>
internal sealed class RolloutStatusSync(DeploymentSyncContext context)
{
    /// <summary>Updates counts and <c>Available</c> only (paused Deployments, scaling, deletion).</summary>
    public async Task SyncDeploymentStatusAsync(DeploymentState state, CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        var status = DeploymentProgress.Calculate(state.ReplicaSets, state.FindNew(), deployment, context.Now);
        if (!DeploymentProgress.StatusEquals(deployment.Status, status))
        {
            deployment.Status = status;
            state.Deployment = await context.UpdateStatusAsync(deployment, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Updates the status after a rollout step, judging progress.</summary>
    public async Task SyncRolloutStatusAsync(DeploymentState state, CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        var newReplicaSet = state.FindNew();
        var now = context.Now;
        var status = DeploymentProgress.Calculate(state.ReplicaSets, newReplicaSet, deployment, now);
        var hasDeadline = DeploymentProgress.HasProgressDeadline(deployment);
        if (!hasDeadline)
        {
            DeploymentConditions.Remove(status, DeploymentConditions.Progressing);
        }
        var current = DeploymentConditions.Get(deployment.Status, DeploymentConditions.Progressing);
        var alreadyComplete = (status.Replicas ?? 0) == (status.UpdatedReplicas ?? 0)
            && current?.Reason == DeploymentConditions.NewReplicaSetAvailable;
        if (hasDeadline && !alreadyComplete)
        {
            JudgeProgress(deployment, newReplicaSet, status, current, now);
        }
        if (ReplicaFailure(state.ReplicaSets, newReplicaSet) is { } failure)
        {
            DeploymentConditions.Set(status, failure);
        }
        else
        {
            DeploymentConditions.Remove(status, DeploymentConditions.ReplicaFailure);
        }
        if (DeploymentProgress.StatusEquals(deployment.Status, status))
        {
            RequeueIfStuck(state, status);
            return;
        }
        deployment.Status = status;
        state.Deployment = await context.UpdateStatusAsync(deployment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Marks a paused Deployment's Progressing condition <c>DeploymentPaused</c>, and <c>DeploymentResumed</c> once it
    /// is resumed, so time spent paused never counts against the progress deadline.
    /// </summary>
    public async Task CheckPausedConditionsAsync(DeploymentState state, CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        if (!DeploymentProgress.HasProgressDeadline(deployment))
        {
            return;
        }
        var condition = DeploymentConditions.Get(deployment.Status, DeploymentConditions.Progressing);
        if (condition?.Reason == DeploymentConditions.ProgressDeadlineExceeded)
        {
            return;
        }
        var pausedRecorded = condition?.Reason == DeploymentConditions.DeploymentPaused;
        var paused = deployment.Spec?.Paused == true;
        V1DeploymentCondition update;
        if (paused && !pausedRecorded)
        {
            update = DeploymentConditions.New(DeploymentConditions.Progressing, "Unknown", DeploymentConditions.DeploymentPaused,
                "Deployment is paused", context.Now);
        }
        else if (!paused && pausedRecorded)
        {
            update = DeploymentConditions.New(DeploymentConditions.Progressing, "Unknown", DeploymentConditions.DeploymentResumed,
                "Deployment is resumed", context.Now);
        }
        else
        {
            return;
        }
        deployment.Status ??= new V1DeploymentStatus();
        DeploymentConditions.Set(deployment.Status, update);
        state.Deployment = await context.UpdateStatusAsync(deployment, cancellationToken).ConfigureAwait(false);
    }

    private static void JudgeProgress(V1Deployment deployment, V1ReplicaSet? newReplicaSet, V1DeploymentStatus status,
        V1DeploymentCondition? current, DateTimeOffset now)
    {
        var subject = newReplicaSet is null
            ? $"Deployment \"{deployment.Metadata.Name}\""
            : $"ReplicaSet \"{newReplicaSet.Metadata.Name}\"";
        if (DeploymentProgress.IsComplete(deployment, status))
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                DeploymentConditions.NewReplicaSetAvailable, subject + " has successfully progressed.", now));
        }
        else if (DeploymentProgress.IsProgressing(deployment, status))
        {
            // Progress refreshes lastUpdateTime even when the reason stays the same, which Set alone would not do.
            var condition = DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                DeploymentConditions.ReplicaSetUpdated, subject + " is progressing.", now);
            if (current is not null)
            {
                if (current.Status == "True")
                {
                    condition.LastTransitionTime = current.LastTransitionTime;
                }
                DeploymentConditions.Remove(status, DeploymentConditions.Progressing);
            }
            DeploymentConditions.Set(status, condition);
        }
        else if (DeploymentProgress.HasTimedOut(deployment, status, now))
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.Progressing, "False",
                DeploymentConditions.ProgressDeadlineExceeded, subject + " has timed out progressing.", now));
        }
    }

    private static V1DeploymentCondition? ReplicaFailure(IReadOnlyList<V1ReplicaSet> all, V1ReplicaSet? newReplicaSet)
    {
        static V1DeploymentCondition? FailureOf(V1ReplicaSet rs) =>
            rs.Status?.Conditions?.FirstOrDefault(c => c.Type == DeploymentConditions.ReplicaFailure) is { } condition
                ? DeploymentConditions.FromReplicaSet(condition)
                : null;
        return (newReplicaSet is null ? null : FailureOf(newReplicaSet)) ?? all.Select(FailureOf).FirstOrDefault(c => c is not null);
    }

    private void RequeueIfStuck(DeploymentState state, V1DeploymentStatus status)
    {
        var deployment = state.Deployment;
        var current = DeploymentConditions.Get(deployment.Status, DeploymentConditions.Progressing);
        if (!DeploymentProgress.HasProgressDeadline(deployment) || current is null
            || DeploymentProgress.IsComplete(deployment, status)
            || current.Reason is DeploymentConditions.ProgressDeadlineExceeded or DeploymentConditions.NewReplicaSetAvailable)
        {
            // Done, already failed, or completed once (a completed rollout does not time out): nothing to wait for.
            return;
        }
        // No progress this time: look again just after the deadline passes, rather than waiting for an unrelated
        // change. (Upstream requeues with backoff inside the last second; a short delay past the deadline is enough.)
        var after = DeploymentProgress.Deadline(deployment, current) - context.Now;
        context.EnqueueAfter(state.Key, (after > TimeSpan.Zero ? after : TimeSpan.Zero) + TimeSpan.FromMilliseconds(100));
    }
}
