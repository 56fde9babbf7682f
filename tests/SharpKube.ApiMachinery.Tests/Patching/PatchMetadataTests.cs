using k8s.Models;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.Tests.Patching;

public sealed class PatchMetadataTests
{
    [Fact]
    public void Containers_InEveryWorkloadTemplate_MergeByName()
    {
        foreach (var (type, path) in new[]
        {
            (typeof(V1Pod), "spec.containers"),
            (typeof(V1Deployment), "spec.template.spec.containers"),
            (typeof(V1StatefulSet), "spec.template.spec.initContainers"),
            (typeof(V1DaemonSet), "spec.template.spec.ephemeralContainers"),
            (typeof(V1CronJob), "spec.jobTemplate.spec.template.spec.containers"),
            (typeof(V1ReplicationController), "spec.template.spec.containers"),
        })
        {
            var schema = PatchMetadata.For(type).At(path);
            Assert.True(schema.IsMergeList, $"{type.Name}.{path}");
            Assert.Equal("name", schema.Facts.MergeKey);
            Assert.Equal(PatchListType.Map, schema.Facts.ListType);
        }
    }

    [Fact]
    public void ContainerPorts_MergeByContainerPort_AndAreKeyedByPortAndProtocolForApply()
    {
        var ports = PatchMetadata.For(typeof(V1Deployment)).Field("spec").Field("template").Field("spec")
            .Field("containers").Field("ports");

        Assert.Equal("containerPort", ports.Facts.MergeKey);
        Assert.Equal(["containerPort", "protocol"], ports.Facts.ListMapKeys);
        Assert.Equal(typeof(V1ContainerPort), ports.Items.ModelType);
    }

    [Fact]
    public void ServicePorts_MergeByPort_AndAreKeyedByPortAndProtocolForApply()
    {
        var ports = PatchMetadata.For(typeof(V1Service)).At("spec.ports");

        Assert.Equal("port", ports.Facts.MergeKey);
        Assert.Equal(["port", "protocol"], ports.Facts.ListMapKeys);
    }

    [Fact]
    public void Finalizers_AreAMergedSet_AndOwnerReferencesMergeByUid()
    {
        var meta = PatchMetadata.For(typeof(V1ConfigMap)).Field("metadata");

        Assert.True(meta.Field("finalizers").IsMergeList);
        Assert.Null(meta.Field("finalizers").Facts.MergeKey);
        Assert.Equal(PatchListType.Set, meta.Field("finalizers").Facts.ListType);
        Assert.Equal("uid", meta.Field("ownerReferences").Facts.MergeKey);
        Assert.Equal(PatchListType.Atomic, meta.Field("managedFields").Facts.ListType);
    }

    [Fact]
    public void Tolerations_AndCommand_AreAtomic()
    {
        var spec = PatchMetadata.For(typeof(V1Pod)).Field("spec");

        Assert.Equal(PatchValueKind.List, spec.Field("tolerations").Kind);
        Assert.False(spec.Field("tolerations").IsMergeList);
        Assert.False(spec.At("containers.command").IsMergeList);
    }

    [Fact]
    public void VolumesAndDeploymentStrategy_RetainKeys()
    {
        Assert.True(PatchMetadata.For(typeof(V1Pod)).At("spec.volumes").RetainsKeys);
        Assert.True(PatchMetadata.For(typeof(V1Deployment)).At("spec.strategy").RetainsKeys);
        Assert.Equal(PatchValueKind.Object, PatchMetadata.For(typeof(V1Deployment)).At("spec.strategy").Kind);
    }

    [Fact]
    public void Conditions_MergeByType_OnStatuses()
    {
        foreach (var type in new[] { typeof(V1Pod), typeof(V1Node), typeof(V1Deployment), typeof(V1Service), typeof(V1Namespace) })
        {
            Assert.Equal("type", PatchMetadata.For(type).At("status.conditions").Facts.MergeKey);
        }
    }

    [Fact]
    public void SelectorsAndNodeSelector_AreAtomicMapsForApply()
    {
        Assert.True(PatchMetadata.For(typeof(V1Service)).At("spec.selector").Facts.AtomicMap);
        Assert.True(PatchMetadata.For(typeof(V1Pod)).At("spec.nodeSelector").Facts.AtomicMap);
        Assert.Equal(PatchValueKind.Map, PatchMetadata.For(typeof(V1Pod)).At("metadata.labels").Kind);
        Assert.True(PatchMetadata.IsAtomicStruct(typeof(V1LabelSelector)));
    }

    [Fact]
    public void UnknownFields_AreUnknown_AndScalarsAreScalars()
    {
        var pod = PatchMetadata.For(typeof(V1Pod));

        Assert.Same(PatchSchema.Unknown, pod.At("spec.noSuchField.deeper"));
        Assert.Equal(PatchValueKind.Scalar, pod.At("spec.containers.image").Kind);
        Assert.Equal(PatchValueKind.Scalar, pod.At("spec.containers.resources.limits.cpu").Kind);
    }
}
