namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>batch/v1 Job and CronJob.</summary>
internal static class BatchV1Schema
{
    /// <summary>Registers the messages and kinds.</summary>
    public static void Register(ProtoSchema s)
    {
        s.Define("batch.Job").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "batch.JobSpec");
        s.Define("batch.JobSpec").I32(1, "parallelism", pointer: true).I32(2, "completions", pointer: true)
            .I64(3, "activeDeadlineSeconds", pointer: true).Msg(4, "selector", "meta.LabelSelector", pointer: true)
            .Bool(5, "manualSelector", pointer: true).Msg(6, "template", "core.PodTemplateSpec").I32(7, "backoffLimit", pointer: true)
            .I32(8, "ttlSecondsAfterFinished", pointer: true).Str(9, "completionMode", pointer: true).Bool(10, "suspend", pointer: true)
            .I32(12, "backoffLimitPerIndex", pointer: true).I32(13, "maxFailedIndexes", pointer: true)
            .Str(14, "podReplacementPolicy", pointer: true).Str(16, "managedBy", pointer: true);
        s.Kind("batch/v1", "Job", "batch.Job");

        s.Define("batch.CronJob").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "batch.CronJobSpec");
        s.Define("batch.CronJobSpec").Str(1, "schedule").I64(2, "startingDeadlineSeconds", pointer: true)
            .Str(3, "concurrencyPolicy").Bool(4, "suspend", pointer: true).Msg(5, "jobTemplate", "batch.JobTemplateSpec")
            .I32(6, "successfulJobsHistoryLimit", pointer: true).I32(7, "failedJobsHistoryLimit", pointer: true)
            .Str(8, "timeZone", pointer: true);
        s.Define("batch.JobTemplateSpec").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "batch.JobSpec");
        s.Kind("batch/v1", "CronJob", "batch.CronJob");
    }
}
