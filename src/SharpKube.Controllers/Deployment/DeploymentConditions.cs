using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// The Deployment conditions and their reasons, with upstream's update rules: a condition whose status and
/// reason are unchanged is left alone; one whose status is unchanged keeps its <c>lastTransitionTime</c>.
/// </summary>
internal static class DeploymentConditions
{
    /// <summary>Condition type: enough pods are available.</summary>
    public const string Available = "Available";

    /// <summary>Condition type: the rollout is making progress (or completed, or timed out).</summary>
    public const string Progressing = "Progressing";

    /// <summary>Condition type: a ReplicaSet could not create or delete pods.</summary>
    public const string ReplicaFailure = "ReplicaFailure";

    /// <summary>Progressing: one of the ReplicaSets was scaled as part of the rollout.</summary>
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";

    /// <summary>Progressing False: the new ReplicaSet could not be created.</summary>
    public const string ReplicaSetCreateError = "ReplicaSetCreateError";

    /// <summary>Progressing: the new ReplicaSet was created.</summary>
    public const string NewReplicaSetCreated = "NewReplicaSetCreated";

    /// <summary>Progressing: an existing ReplicaSet is the new one.</summary>
    public const string FoundNewReplicaSet = "FoundNewReplicaSet";

    /// <summary>Progressing: the rollout completed.</summary>
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";

    /// <summary>Progressing False: no progress within <c>progressDeadlineSeconds</c>.</summary>
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";

    /// <summary>Progressing Unknown: the Deployment is paused.</summary>
    public const string DeploymentPaused = "DeploymentPaused";

    /// <summary>Progressing Unknown: the Deployment was resumed.</summary>
    public const string DeploymentResumed = "DeploymentResumed";

    /// <summary>Available True.</summary>
    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";

    /// <summary>Available False.</summary>
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";

    /// <summary>A condition stamped with <paramref name="now"/> (whole seconds, as the API keeps them).</summary>
    public static V1DeploymentCondition New(string type, string status, string reason, string message, DateTimeOffset now)
    {
        var time = Truncate(now);
        return new V1DeploymentCondition
        {
            Type = type, Status = status, Reason = reason, Message = message, LastUpdateTime = time, LastTransitionTime = time,
        };
    }

    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public static V1DeploymentCondition? Get(V1DeploymentStatus? status, string type) =>
        status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>Sets <paramref name="condition"/> in <paramref name="status"/> by upstream's rules (see the type's summary).</summary>
    public static void Set(V1DeploymentStatus status, V1DeploymentCondition condition)
    {
        var current = Get(status, condition.Type);
        if (current is not null && current.Status == condition.Status && current.Reason == condition.Reason)
        {
            return;
        }
        if (current is not null && current.Status == condition.Status)
        {
            condition.LastTransitionTime = current.LastTransitionTime;
        }
        Remove(status, condition.Type);
        status.Conditions ??= [];
        status.Conditions.Add(condition);
    }

    /// <summary>Removes the condition of <paramref name="type"/>.</summary>
    public static void Remove(V1DeploymentStatus status, string type)
    {
        if (status.Conditions is null)
        {
            return;
        }
        status.Conditions = [.. status.Conditions.Where(c => c.Type != type)];
        if (status.Conditions.Count == 0)
        {
            status.Conditions = null;
        }
    }

    /// <summary>A ReplicaSet's failure condition as a Deployment condition.</summary>
    public static V1DeploymentCondition FromReplicaSet(V1ReplicaSetCondition condition) => new()
    {
        Type = condition.Type,
        Status = condition.Status,
        Reason = condition.Reason,
        Message = condition.Message,
        LastTransitionTime = condition.LastTransitionTime,
        LastUpdateTime = condition.LastTransitionTime,
    };

    private static DateTime Truncate(DateTimeOffset now) =>
        new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
