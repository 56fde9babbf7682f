using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Deployments;

namespace SharpKube.ApiServer.Tests.Registry.Workloads;

public sealed class DeploymentStrategyTests
{
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
         "spec":{"selector":{"matchLabels":{"app":"web"}},
           "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}},
         "status":{"replicas":5}}
        """;

    [Fact]
    public void PrepareForCreate_FillsDeploymentAndTemplateDefaultsAndResetsStatus()
    {
        var deployment = Json.Parse(Deployment);

        DeploymentStrategy.Instance.PrepareForCreate(deployment);

        Json.Equal("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
             "spec":{"selector":{"matchLabels":{"app":"web"}},"replicas":1,
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
               "revisionHistoryLimit":10,"progressDeadlineSeconds":600,
               "template":{"metadata":{"labels":{"app":"web"},"creationTimestamp":null},
                 "spec":{"containers":[{"name":"app","image":"nginx:1.27","imagePullPolicy":"IfNotPresent",
                   "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","resources":{}}],
                   "dnsPolicy":"ClusterFirst","restartPolicy":"Always","securityContext":{},"terminationGracePeriodSeconds":30,
                   "schedulerName":"default-scheduler"}}},
             "status":{}}
            """, deployment);
        Assert.True(DeploymentStrategy.Instance.TracksGeneration);
        Assert.True(DeploymentStrategy.Instance.HasStatusSubresource);
    }

    [Fact]
    public void Validate_SelectorNotMatchingTemplate_GivesUpstreamsMessage()
    {
        var deployment = Json.Parse(Deployment);
        deployment["spec"]!["template"]!["metadata"]!["labels"] = Json.Parse("""{"app":"other","tier":"front"}""");
        DeploymentStrategy.Instance.PrepareForCreate(deployment);
        var errors = new FieldErrorList();

        DeploymentStrategy.Instance.Validate(deployment, errors);

        Assert.Equal(
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\", \"tier\":\"front\"}: `selector` does not match template `labels`",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_MissingSelectorNegativeReplicasAndZeroSurge_AreReported()
    {
        var deployment = Json.Parse(Deployment);
        var spec = deployment["spec"]!.AsObject();
        spec.Remove("selector");
        spec["replicas"] = -1;
        spec["strategy"] = Json.Parse("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":0}}""");
        DeploymentStrategy.Instance.PrepareForCreate(deployment);
        var errors = new FieldErrorList();

        DeploymentStrategy.Instance.Validate(deployment, errors);

        Assert.Equal(
        [
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.selector: Required value",
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0",
        ], Errors.Lines(errors));
    }

    [Fact]
    public void Validate_EmptySelector_IsInvalidForDeployment()
    {
        var deployment = Json.Parse(Deployment);
        deployment["spec"]!["selector"] = new JsonObject();
        DeploymentStrategy.Instance.PrepareForCreate(deployment);
        var errors = new FieldErrorList();

        DeploymentStrategy.Instance.Validate(deployment, errors);

        Assert.Equal(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void ValidateUpdate_ChangedSelector_IsImmutable()
    {
        var old = Json.Parse(Deployment);
        DeploymentStrategy.Instance.PrepareForCreate(old);
        var updated = (JsonObject)old.DeepClone();
        updated["spec"]!["selector"] = Json.Parse("""{"matchLabels":{"app":"web2"}}""");
        updated["spec"]!["template"]!["metadata"]!["labels"] = Json.Parse("""{"app":"web2"}""");

        DeploymentStrategy.Instance.PrepareForUpdate(updated, old);
        var errors = new FieldErrorList();
        DeploymentStrategy.Instance.ValidateUpdate(updated, old, errors);

        Assert.Equal(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void IsGenerationChange_CountsSpecAndAnnotationsButNotLabels()
    {
        var old = Json.Parse(Deployment);
        var labelled = (JsonObject)old.DeepClone();
        labelled["metadata"]!["labels"] = Json.Parse("""{"x":"y"}""");
        var annotated = (JsonObject)old.DeepClone();
        annotated["metadata"]!["annotations"] = Json.Parse("""{"x":"y"}""");
        var scaled = (JsonObject)old.DeepClone();
        scaled["spec"]!["replicas"] = 3;

        Assert.False(DeploymentStrategy.Instance.IsGenerationChange(labelled, old));
        Assert.True(DeploymentStrategy.Instance.IsGenerationChange(annotated, old));
        Assert.True(DeploymentStrategy.Instance.IsGenerationChange(scaled, old));
    }
}
