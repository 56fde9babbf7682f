using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.StatefulSets;

namespace SharpKube.ApiServer.Tests.Registry.Workloads;

public sealed class StatefulSetStrategyTests
{
    private const string StatefulSet = """
        {"metadata":{"name":"db","namespace":"default"},
         "spec":{"serviceName":"db","selector":{"matchLabels":{"app":"db"}},
           "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"postgres:16",
             "volumeMounts":[{"name":"data","mountPath":"/var/lib/postgresql"}]}]}},
           "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}
        """;

    [Fact]
    public void PrepareForCreate_FillsStatefulSetDefaults()
    {
        var set = Json.Parse(StatefulSet);

        StatefulSetStrategy.Instance.PrepareForCreate(set);

        var spec = set["spec"]!;
        Json.Equal("""{"type":"RollingUpdate","rollingUpdate":{"partition":0}}""", spec["updateStrategy"]!);
        Json.Equal("""{"whenDeleted":"Retain","whenScaled":"Retain"}""", spec["persistentVolumeClaimRetentionPolicy"]!);
        Assert.Equal("OrderedReady", spec["podManagementPolicy"]!.GetValue<string>());
        Assert.Equal(1, spec["replicas"]!.GetValue<long>());
        Assert.Equal(10, spec["revisionHistoryLimit"]!.GetValue<long>());
        Json.Equal("""
            {"metadata":{"name":"data","creationTimestamp":null},
             "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"volumeMode":"Filesystem"},
             "status":{"phase":"Pending"}}
            """, spec["volumeClaimTemplates"]![0]!);
        Json.Equal("""{"availableReplicas":0,"replicas":0}""", set["status"]!);
    }

    [Fact]
    public void Validate_MountOfAClaimTemplate_IsAccepted()
    {
        var set = Json.Parse(StatefulSet);
        StatefulSetStrategy.Instance.PrepareForCreate(set);
        var errors = new FieldErrorList();

        StatefulSetStrategy.Instance.Validate(set, errors);

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateUpdate_ChangedClaimTemplates_AreForbidden()
    {
        var old = Json.Parse(StatefulSet);
        StatefulSetStrategy.Instance.PrepareForCreate(old);
        var updated = (JsonObject)old.DeepClone();
        updated["spec"]!["volumeClaimTemplates"]![0]!["spec"]!["resources"]!["requests"]!["storage"] = "2Gi";
        updated["spec"]!["replicas"] = 3;

        StatefulSetStrategy.Instance.PrepareForUpdate(updated, old);
        var errors = new FieldErrorList();
        StatefulSetStrategy.Instance.ValidateUpdate(updated, old, errors);

        Assert.Equal(
            "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', " +
            "'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void ValidateUpdate_ScalingAndNewImage_AreAllowed()
    {
        var old = Json.Parse(StatefulSet);
        StatefulSetStrategy.Instance.PrepareForCreate(old);
        var updated = (JsonObject)old.DeepClone();
        updated["spec"]!["replicas"] = 3;
        updated["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "postgres:17";

        StatefulSetStrategy.Instance.PrepareForUpdate(updated, old);
        var errors = new FieldErrorList();
        StatefulSetStrategy.Instance.ValidateUpdate(updated, old, errors);

        Assert.Empty(errors);
    }
}
