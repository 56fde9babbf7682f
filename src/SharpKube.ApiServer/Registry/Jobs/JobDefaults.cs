using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Pods;

namespace SharpKube.ApiServer.Registry.Jobs;

/// <summary>Upstream's batch/v1 Job defaults and the selector and labels generated for a new Job.</summary>
public static class JobDefaults
{
    /// <summary>The label pods of a Job carry its uid in.</summary>
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";

    /// <summary>The legacy form of <see cref="ControllerUidLabel"/>.</summary>
    public const string LegacyControllerUidLabel = "controller-uid";

    /// <summary>The label pods of a Job carry its name in.</summary>
    public const string JobNameLabel = "batch.kubernetes.io/job-name";

    /// <summary>The legacy form of <see cref="JobNameLabel"/>.</summary>
    public const string LegacyJobNameLabel = "job-name";

    /// <summary>
    /// Applies the Job defaults: completions and parallelism 1 when neither is set, backoffLimit 6,
    /// NonIndexed completion, not suspended, pod replacement policy, manualSelector false; and the template's.
    /// </summary>
    public static void Apply(JsonObject job)
    {
        var spec = job.EnsureObject("spec");
        if (!spec.Has("completions") && !spec.Has("parallelism"))
        {
            spec["completions"] = JsonObjectExtensions.Number(1);
            spec["parallelism"] = JsonObjectExtensions.Number(1);
        }
        spec.SetIfAbsent("parallelism", 1);
        spec.SetIfAbsent("backoffLimit", spec.Has("backoffLimitPerIndex") ? int.MaxValue : 6);
        spec.SetIfAbsent("completionMode", "NonIndexed");
        spec.SetIfAbsent("suspend", false);
        if (spec.GetObject("podFailurePolicy") is { } failurePolicy)
        {
            foreach (var (_, rule) in failurePolicy.GetArray("rules").ObjectItems())
            {
                foreach (var (_, pattern) in rule.GetArray("onPodConditions").ObjectItems())
                {
                    pattern.SetIfEmpty("status", "True");
                }
            }
        }
        spec.SetIfAbsent("podReplacementPolicy", spec.Has("podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
        spec.SetIfAbsent("manualSelector", false);
        PodTemplateDefaults.Apply(spec.EnsureObject("template"));
        CopyTemplateLabels(job);
    }

    /// <summary>
    /// On create, unless the selector is manual: labels the template with the Job's name and uid and selects
    /// on the uid (the store sets <c>metadata.uid</c> before calling the strategy).
    /// </summary>
    public static void GenerateSelector(JsonObject job)
    {
        var spec = job.EnsureObject("spec");
        if (spec.GetBoolean("manualSelector") == true)
        {
            return;
        }
        var metadata = job.GetObject("metadata") ?? [];
        var name = metadata.GetStringOrEmpty("name");
        var uid = metadata.GetStringOrEmpty("uid");
        var labels = spec.EnsureObject("template").EnsureObject("metadata").EnsureObject("labels");
        labels.SetIfAbsent(LegacyJobNameLabel, name);
        labels.SetIfAbsent(JobNameLabel, name);
        labels.SetIfAbsent(LegacyControllerUidLabel, uid);
        labels.SetIfAbsent(ControllerUidLabel, uid);
        spec.EnsureObject("selector").EnsureObject("matchLabels").SetIfAbsent(ControllerUidLabel, uid);
    }

    /// <summary>
    /// A Job without labels takes its template's labels. (Upstream shares one map between the two, so on create
    /// the Job also ends up with the generated labels; the strategy calls this again after generating them.)
    /// </summary>
    public static void CopyTemplateLabels(JsonObject job)
    {
        var templateLabels = job.GetObject("spec")?.GetObject("template")?.GetObject("metadata")?.GetObject("labels");
        var metadata = job.EnsureObject("metadata");
        if (templateLabels is not null && (metadata.GetObject("labels")?.Count ?? 0) == 0)
        {
            metadata["labels"] = templateLabels.DeepClone();
        }
    }
}
