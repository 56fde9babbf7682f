using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints CronJobs: NAME, SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE, AGE and, wide,
/// CONTAINERS, IMAGES, SELECTOR.
/// </summary>
public sealed class CronJobTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
        StandardColumns.Text("Timezone", "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones"),
        StandardColumns.Boolean("Suspend", "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false."),
        StandardColumns.Integer("Active", "A list of pointers to currently running jobs."),
        StandardColumns.Text("Last Schedule", "Information when was the last time the job was successfully scheduled."),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        StandardColumns.Text("Selector", "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
    ];

    private CronJobTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static CronJobTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var status = obj.Field("status");
        var jobSpec = spec.At("jobTemplate", "spec");
        var containers = ContainerSummary.OfTemplate(jobSpec.Field("template"));
        var lastSchedule = status.Field("lastScheduleTime");
        return
        [
            ObjectMetadata.Name(obj),
            spec.Field("schedule").Text(),
            spec.Field("timeZone").TextOrNull() ?? "<none>",
            // Upstream prints the boolean column as text, "<unset>" when the pointer is nil.
            spec.Field("suspend").BoolOrNull() switch { true => "True", false => "False", null => "<unset>" },
            (long)status.Field("active").Count(),
            lastSchedule.IsPresent() ? HumanDuration.Since(lastSchedule.Timestamp(), now) : "<none>",
            ObjectMetadata.Age(obj, now),
            containers.Names,
            containers.Images,
            LabelSelectorText.Format(jobSpec.Field("selector")),
        ];
    }
}
