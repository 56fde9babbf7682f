using static SharpKube.ApiMachinery.Protobuf.ProtoFieldKind;

namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>meta/v1 messages: ObjectMeta, LabelSelector, OwnerReference, ManagedFieldsEntry, DeleteOptions.</summary>
internal static class MetaV1Schema
{
    /// <summary>The DeleteOptions message name.</summary>
    public const string DeleteOptions = "meta.DeleteOptions";

    /// <summary>Registers the messages.</summary>
    public static void Register(ProtoSchema s)
    {
        s.Define("meta.ObjectMeta")
            .Str(1, "name").Str(2, "generateName").Str(3, "namespace").Str(4, "selfLink").Str(5, "uid")
            .Str(6, "resourceVersion").I64(7, "generation").Special(8, "creationTimestamp", Time)
            .Special(9, "deletionTimestamp", Time, pointer: true).I64(10, "deletionGracePeriodSeconds", pointer: true)
            .Map(11, "labels").Map(12, "annotations").Msgs(13, "ownerReferences", "meta.OwnerReference")
            .Strs(14, "finalizers").Msgs(17, "managedFields", "meta.ManagedFieldsEntry");
        s.Define("meta.OwnerReference")
            .Str(1, "kind").Str(3, "name").Str(4, "uid").Str(5, "apiVersion")
            .Bool(6, "controller", pointer: true).Bool(7, "blockOwnerDeletion", pointer: true);
        s.Define("meta.ManagedFieldsEntry")
            .Str(1, "manager").Str(2, "operation").Str(3, "apiVersion").Special(4, "time", Time, pointer: true)
            .Special(5, "fieldsV1", FieldsV1, pointer: true).Str(7, "fieldsType").Str(8, "subresource");
        s.Define("meta.LabelSelector")
            .Map(1, "matchLabels").Msgs(2, "matchExpressions", "meta.LabelSelectorRequirement");
        s.Define("meta.LabelSelectorRequirement").Str(1, "key").Str(2, "operator").Strs(3, "values");
        s.Define("meta.Condition")
            .Str(1, "type").Str(2, "status").I64(3, "observedGeneration").Special(4, "lastTransitionTime", Time)
            .Str(5, "reason").Str(6, "message");
        s.Define(DeleteOptions)
            .I64(1, "gracePeriodSeconds", pointer: true).Msg(2, "preconditions", "meta.Preconditions", pointer: true)
            .Bool(3, "orphanDependents", pointer: true).Str(4, "propagationPolicy", pointer: true).Strs(5, "dryRun")
            .Bool(6, "ignoreStoreReadErrorWithClusterBreakingPotential", pointer: true);
        s.Define("meta.Preconditions").Str(1, "uid", pointer: true).Str(2, "resourceVersion", pointer: true);
    }
}
