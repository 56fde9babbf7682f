using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.DaemonSets;

namespace SharpKube.ApiServer.Tests.Registry.Workloads;

public sealed class DaemonSetStrategyTests
{
    private const string DaemonSet = """
        {"metadata":{"name":"agent","namespace":"kube-system"},
         "spec":{"selector":{"matchLabels":{"app":"agent"}},
           "template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"name":"agent","image":"agent:1"}]}}}}
        """;

    [Fact]
    public void PrepareForCreate_FillsDaemonSetDefaultsAndTemplateGeneration()
    {
        var set = Json.Parse(DaemonSet);

        DaemonSetStrategy.Instance.PrepareForCreate(set);

        Json.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":0}}""", set["spec"]!["updateStrategy"]!);
        Assert.Equal(10, set["spec"]!["revisionHistoryLimit"]!.GetValue<long>());
        Json.Equal("""{"deprecated.daemonset.template.generation":"1"}""", set["metadata"]!["annotations"]!);
        Json.Equal("""{"currentNumberScheduled":0,"desiredNumberScheduled":0,"numberMisscheduled":0,"numberReady":0}""", set["status"]!);
    }

    [Fact]
    public void PrepareForUpdate_TemplateChange_BumpsTheTemplateGeneration()
    {
        var old = Json.Parse(DaemonSet);
        DaemonSetStrategy.Instance.PrepareForCreate(old);
        var updated = (JsonObject)old.DeepClone();
        updated["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "agent:2";

        DaemonSetStrategy.Instance.PrepareForUpdate(updated, old);

        Assert.Equal("2", updated["metadata"]!["annotations"]!["deprecated.daemonset.template.generation"]!.GetValue<string>());
    }

    [Fact]
    public void Validate_SurgeAndUnavailableBothSet_IsRefused()
    {
        var set = Json.Parse(DaemonSet);
        set["spec"]!["updateStrategy"] = Json.Parse("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":"10%"}}""");
        DaemonSetStrategy.Instance.PrepareForCreate(set);
        var errors = new FieldErrorList();

        DaemonSetStrategy.Instance.Validate(set, errors);

        Assert.Equal(
            "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"10%\"}: may not be set when maxUnavailable is non-zero",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_OnFailureRestartPolicy_IsNotSupported()
    {
        var set = Json.Parse(DaemonSet);
        set["spec"]!["template"]!["spec"]!["restartPolicy"] = "OnFailure";
        DaemonSetStrategy.Instance.PrepareForCreate(set);
        var errors = new FieldErrorList();

        DaemonSetStrategy.Instance.Validate(set, errors);

        Assert.Equal("spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"", Assert.Single(errors).ToString());
    }
}
