using static SharpKube.ApiMachinery.Protobuf.ProtoFieldKind;

namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>policy/v1 PodDisruptionBudget and scheduling.k8s.io/v1 PriorityClass.</summary>
internal static class PolicyV1Schema
{
    /// <summary>Registers the messages and kinds.</summary>
    public static void Register(ProtoSchema s)
    {
        s.Define("policy.PodDisruptionBudget").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "policy.PodDisruptionBudgetSpec");
        s.Define("policy.PodDisruptionBudgetSpec").Special(1, "minAvailable", IntOrString, pointer: true)
            .Msg(2, "selector", "meta.LabelSelector", pointer: true).Special(3, "maxUnavailable", IntOrString, pointer: true)
            .Str(4, "unhealthyPodEvictionPolicy", pointer: true);
        s.Kind("policy/v1", "PodDisruptionBudget", "policy.PodDisruptionBudget");

        s.Define("scheduling.PriorityClass").Msg(1, "metadata", "meta.ObjectMeta").I32(2, "value").Bool(3, "globalDefault")
            .Str(4, "description").Str(5, "preemptionPolicy", pointer: true);
        s.Kind("scheduling.k8s.io/v1", "PriorityClass", "scheduling.PriorityClass");
    }
}
