using static SharpKube.ApiMachinery.Protobuf.ProtoFieldKind;

namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>apps/v1 Deployment.</summary>
internal static class AppsV1Schema
{
    /// <summary>Registers the messages and kinds.</summary>
    public static void Register(ProtoSchema s)
    {
        s.Define("apps.Deployment").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "apps.DeploymentSpec");
        s.Define("apps.DeploymentSpec").I32(1, "replicas", pointer: true).Msg(2, "selector", "meta.LabelSelector", pointer: true)
            .Msg(3, "template", "core.PodTemplateSpec").Msg(4, "strategy", "apps.DeploymentStrategy").I32(5, "minReadySeconds")
            .I32(6, "revisionHistoryLimit", pointer: true).Bool(7, "paused").I32(9, "progressDeadlineSeconds", pointer: true);
        s.Define("apps.DeploymentStrategy").Str(1, "type").Msg(2, "rollingUpdate", "apps.RollingUpdateDeployment", pointer: true);
        s.Define("apps.RollingUpdateDeployment").Special(1, "maxUnavailable", IntOrString, pointer: true)
            .Special(2, "maxSurge", IntOrString, pointer: true);
        s.Kind("apps/v1", "Deployment", "apps.Deployment");
    }
}
