using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Jobs;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.Validation;
using SharpKube.ApiServer.Registry.Workloads;

namespace SharpKube.ApiServer.Registry.CronJobs;

/// <summary>
/// batch/v1 CronJob: concurrencyPolicy Allow, not suspended, history limits 3 and 1; schedule, time zone and job
/// template validation. The job template gets pod template defaults only (not the Job object's).
/// </summary>
public sealed class CronJobStrategy : WorkloadStrategy
{
    /// <summary>The shared instance.</summary>
    public static CronJobStrategy Instance { get; } = new();

    /// <inheritdoc/>
    protected override void ApplyDefaults(JsonObject obj)
    {
        var spec = Spec(obj);
        spec.SetIfEmpty("concurrencyPolicy", "Allow");
        spec.SetIfAbsent("suspend", false);
        spec.SetIfAbsent("successfulJobsHistoryLimit", 3);
        spec.SetIfAbsent("failedJobsHistoryLimit", 1);
        var jobTemplate = spec.EnsureObject("jobTemplate");
        jobTemplate.EnsureObject("metadata").AddNullIfMissing("creationTimestamp");
        PodTemplateDefaults.Apply(jobTemplate.EnsureObject("spec").EnsureObject("template"));
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var name = obj.GetObject("metadata")?.GetStringOrEmpty("name") ?? "";
        if (name.Length > 52)
        {
            // The controller appends an 11-character suffix to name Jobs, which may have 63.
            errors.Invalid("metadata.name", name, "must be no more than 52 characters");
        }
        ValidateSpec(obj.GetObject("spec") ?? [], validateTimeZone: true, errors);
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        var timeZoneChanged = !SemanticEquality.AreEqual(spec["timeZone"], old.GetObject("spec")?["timeZone"]);
        ValidateSpec(spec, timeZoneChanged, errors);
    }

    private static void ValidateSpec(JsonObject spec, bool validateTimeZone, FieldErrorList errors)
    {
        var schedule = spec.GetStringOrEmpty("schedule");
        if (schedule.Length == 0)
        {
            errors.Required("spec.schedule");
        }
        else
        {
            if (CronSchedule.Validate(schedule) is { } error)
            {
                errors.Invalid("spec.schedule", schedule, error);
            }
            if (schedule.Contains("TZ", StringComparison.Ordinal))
            {
                errors.Invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
            }
        }
        FieldRules.NonNegative(spec.GetInt64("startingDeadlineSeconds"), "spec.startingDeadlineSeconds", errors);
        if (validateTimeZone && spec.Has("timeZone"))
        {
            ValidateTimeZone(spec.GetStringOrEmpty("timeZone"), errors);
        }
        var policy = spec.GetStringOrEmpty("concurrencyPolicy");
        if (policy.Length == 0)
        {
            errors.Required("spec.concurrencyPolicy");
        }
        else if (policy is not ("Allow" or "Forbid" or "Replace"))
        {
            errors.NotSupported("spec.concurrencyPolicy", policy, ["Allow", "Forbid", "Replace"]);
        }
        var jobSpec = spec.GetObject("jobTemplate")?.GetObject("spec") ?? [];
        JobSpecValidation.Validate(jobSpec, "spec.jobTemplate.spec", errors);
        if (jobSpec["selector"] is { } selector)
        {
            errors.InvalidRaw("spec.jobTemplate.spec.selector", GoValueFormat.LabelSelector(selector as JsonObject), "`selector` will be auto-generated");
        }
        if (jobSpec.GetBoolean("manualSelector") == true)
        {
            errors.NotSupported("spec.jobTemplate.spec.manualSelector", "true", ["nil", "false"]);
        }
        FieldRules.NonNegative(spec.GetInt64("successfulJobsHistoryLimit"), "spec.successfulJobsHistoryLimit", errors);
        FieldRules.NonNegative(spec.GetInt64("failedJobsHistoryLimit"), "spec.failedJobsHistoryLimit", errors);
    }

    private static void ValidateTimeZone(string zone, FieldErrorList errors)
    {
        if (zone.Length == 0)
        {
            errors.Invalid("spec.timeZone", zone, "timeZone must be nil or non-empty string");
            return;
        }
        if (zone.Equals("Local", StringComparison.OrdinalIgnoreCase))
        {
            errors.Invalid("spec.timeZone", zone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
            return;
        }
        if (zone.Split('/').Any(p => p is "." or ".." || p.StartsWith('-') || !p.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+')) ||
            (zone != "UTC" && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
        {
            errors.Invalid("spec.timeZone", zone, "unknown time zone " + zone);
        }
    }
}
