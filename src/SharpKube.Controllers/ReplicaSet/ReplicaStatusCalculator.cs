using k8s.Models;
using SharpKube.ApiMachinery.Selectors;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>Computes a replica controller's status from the pods it owns, as upstream's <c>calculateStatus</c> does.</summary>
public static class ReplicaStatusCalculator
{
    /// <summary>
    /// The new status: counts of <paramref name="pods"/> (the active pods the controller owns), the observed
    /// generation, and the <c>ReplicaFailure</c> condition — added (once, with the first failure's message) when
    /// creating or deleting replicas failed, removed when a sync went through.
    /// </summary>
    public static ReplicaStatus Calculate(ReplicaStatus current, long generation, V1PodTemplateSpec? template, int desired,
        int minReadySeconds, IReadOnlyList<V1Pod> pods, Exception? manageError, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(pods);
        var templateLabels = LabelSelector.FromSet(template?.Metadata?.Labels);
        int fullyLabeled = 0, ready = 0, available = 0;
        foreach (var pod in pods)
        {
            if (LabelSelectors.Matches(templateLabels, pod.Metadata?.Labels))
            {
                fullyLabeled++;
            }
            if (PodReadiness.IsReady(pod))
            {
                ready++;
                if (PodReadiness.IsAvailable(pod, minReadySeconds, now))
                {
                    available++;
                }
            }
        }
        var conditions = current.Conditions.ToList();
        var failure = conditions.FindIndex(c => c.Type == ReplicaStatus.ReplicaFailure);
        if (manageError is not null && failure < 0)
        {
            var reason = pods.Count < desired ? "FailedCreate" : pods.Count > desired ? "FailedDelete" : "";
            conditions.Add(new ReplicaCondition(ReplicaStatus.ReplicaFailure, "True", reason, ApiErrorMessage.Of(manageError),
                WholeSeconds(now)));
        }
        else if (manageError is null && failure >= 0)
        {
            conditions.RemoveAt(failure);
        }
        return new ReplicaStatus(pods.Count, fullyLabeled, ready, available, generation, conditions);
    }

    private static DateTime WholeSeconds(DateTimeOffset now) =>
        new(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
