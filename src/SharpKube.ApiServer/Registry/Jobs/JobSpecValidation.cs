using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.Jobs;

/// <summary>Validates a Job spec, as a Job's <c>spec</c> or a CronJob's <c>spec.jobTemplate.spec</c>.</summary>
public static class JobSpecValidation
{
    /// <summary>Most pods an Indexed Job may run in parallel.</summary>
    public const int MaxParallelismForIndexedJob = 100000;

    /// <summary>Validates counts, completion mode, the template and its restart policy.</summary>
    public static void Validate(JsonObject spec, string path, FieldErrorList errors)
    {
        foreach (var key in (string[])["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"])
        {
            FieldRules.NonNegative(spec.GetInt64(key), path + "." + key, errors);
        }
        if (spec.GetString("completionMode") is { } mode)
        {
            if (mode is not ("NonIndexed" or "Indexed"))
            {
                errors.NotSupported(path + ".completionMode", mode, ["NonIndexed", "Indexed"]);
            }
            if (mode == "Indexed")
            {
                if (!spec.Has("completions"))
                {
                    errors.Required(path + ".completions", "when completion mode is Indexed");
                }
                if (spec.GetInt64("parallelism") is > MaxParallelismForIndexedJob and var parallelism)
                {
                    errors.Invalid(path + ".parallelism", parallelism,
                        $"must be less than or equal to {MaxParallelismForIndexedJob} when completion mode is Indexed");
                }
            }
        }
        if (spec.GetString("podReplacementPolicy") is { } replacement && replacement is not ("TerminatingOrFailed" or "Failed"))
        {
            errors.NotSupported(path + ".podReplacementPolicy", replacement, ["Failed", "TerminatingOrFailed"]);
        }
        var template = spec.GetObject("template");
        PodTemplateValidation.Validate(template, path + ".template", errors);
        var restartPolicy = template?.GetObject("spec")?.GetStringOrEmpty("restartPolicy") ?? "";
        var restartPath = path + ".template.spec.restartPolicy";
        if (restartPolicy is "Always" or "")
        {
            errors.Required(restartPath, "valid values: \"OnFailure\", \"Never\"");
        }
        else if (restartPolicy is not ("OnFailure" or "Never"))
        {
            errors.NotSupported(restartPath, restartPolicy, ["OnFailure", "Never"]);
        }
        else if (spec.Has("podFailurePolicy") && restartPolicy != "Never")
        {
            errors.Invalid(restartPath, restartPolicy, "only \"Never\" is supported when podFailurePolicy is specified");
        }
    }
}
