using System.Globalization;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints Jobs: NAME, STATUS (<c>Complete</c>, <c>Failed</c>, <c>Terminating</c>, <c>Suspended</c>,
/// <c>FailureTarget</c> or <c>Running</c>), COMPLETIONS (<c>1/3</c>, <c>0/1 of 4</c>), DURATION, AGE and,
/// wide, CONTAINERS, IMAGES, SELECTOR.
/// </summary>
public sealed class JobTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Status", "Status of the job."),
        StandardColumns.Text("Completions", "The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs."),
        StandardColumns.Text("Duration", "Time required to complete the job."),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        StandardColumns.Text("Selector", "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
    ];

    private JobTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static JobTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var status = obj.Field("status");
        var containers = ContainerSummary.OfTemplate(spec.Field("template"));
        return
        [
            ObjectMetadata.Name(obj),
            Status(obj),
            Completions(spec, status),
            Duration(status, now),
            ObjectMetadata.Age(obj, now),
            containers.Names,
            containers.Images,
            LabelSelectorText.Format(spec.Field("selector")),
        ];
    }

    private static string Completions(JsonElement spec, JsonElement status)
    {
        var succeeded = status.Field("succeeded").Int64().ToString(CultureInfo.InvariantCulture);
        if (spec.Field("completions").Int64OrNull() is { } completions)
        {
            return succeeded + "/" + completions.ToString(CultureInfo.InvariantCulture);
        }
        var parallelism = spec.Field("parallelism").Int64();
        return parallelism > 1
            ? succeeded + "/1 of " + parallelism.ToString(CultureInfo.InvariantCulture)
            : succeeded + "/1";
    }

    private static string Duration(JsonElement status, DateTimeOffset now)
    {
        if (status.Field("startTime").Timestamp() is not { } start)
        {
            return "";
        }
        var end = status.Field("completionTime").Timestamp() ?? now;
        return HumanDuration.Format(end - start);
    }

    private static string Status(JsonElement job)
    {
        var conditions = job.At("status", "conditions");
        if (HasTrueCondition(conditions, "Complete"))
        {
            return "Complete";
        }
        if (HasTrueCondition(conditions, "Failed"))
        {
            return "Failed";
        }
        if (ObjectMetadata.IsDeleting(job))
        {
            return "Terminating";
        }
        if (HasTrueCondition(conditions, "Suspended"))
        {
            return "Suspended";
        }
        return HasTrueCondition(conditions, "FailureTarget") ? "FailureTarget" : "Running";
    }

    // The first condition of the type decides, as upstream looks no further.
    private static bool HasTrueCondition(JsonElement conditions, string type)
    {
        foreach (var condition in conditions.Items())
        {
            if (condition.Field("type").Text() == type)
            {
                return condition.Field("status").Text() == "True";
            }
        }
        return false;
    }
}
