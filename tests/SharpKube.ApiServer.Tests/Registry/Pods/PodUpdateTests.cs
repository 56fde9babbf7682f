using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Pods;

namespace SharpKube.ApiServer.Tests.Registry.Pods;

public sealed class PodUpdateTests
{
    private static (JsonObject Old, JsonObject Updated) CreatedPodAndCopy()
    {
        var old = Json.Parse("""
            {"metadata":{"name":"web","namespace":"default"},
             "spec":{"nodeName":"node-a","containers":[{"name":"app","image":"nginx:1.26","ports":[{"containerPort":80}]}]}}
            """);
        PodStrategy.Instance.PrepareForCreate(old);
        old["status"] = Json.Parse("""{"phase":"Running","qosClass":"BestEffort","podIP":"10.0.0.5"}""");
        return (old, (JsonObject)old.DeepClone());
    }

    private static FieldErrorList Update(JsonObject updated, JsonObject old)
    {
        PodStrategy.Instance.PrepareForUpdate(updated, old);
        var errors = new FieldErrorList();
        PodStrategy.Instance.ValidateUpdate(updated, old, errors);
        return errors;
    }

    [Fact]
    public void ValidateStatusUpdate_OfAPodWhoseStoredSpecIsNoLongerValid_ChecksOnlyTheStatusWrite()
    {
        var (old, updated) = CreatedPodAndCopy();
        old["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"] = 0;
        updated["spec"] = old["spec"]!.DeepClone();
        updated["status"]!["phase"] = "Succeeded";
        var mainUpdate = new FieldErrorList();
        PodStrategy.Instance.ValidateUpdate(updated, old, mainUpdate);

        var statusUpdate = new FieldErrorList();
        PodStrategy.Instance.ValidateStatusUpdate(updated, old, statusUpdate);

        Assert.Contains(mainUpdate, e => e.Field == "spec.containers[0].ports[0].containerPort");
        Assert.Empty(statusUpdate);
    }

    [Fact]
    public void ValidateUpdate_ImageChange_IsAllowed()
    {
        var (old, updated) = CreatedPodAndCopy();
        updated["spec"]!["containers"]![0]!["image"] = "nginx:1.27";

        Assert.Empty(Update(updated, old));
    }

    [Fact]
    public void ValidateUpdate_PortChange_IsForbiddenWithUpstreamsMessage()
    {
        var (old, updated) = CreatedPodAndCopy();
        updated["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"] = 81;

        var error = Assert.Single(Update(updated, old));

        Assert.Equal("spec", error.Field);
        Assert.Equal(FieldErrorType.Forbidden, error.Type);
        Assert.StartsWith(
            "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`," +
            "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations)," +
            "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n",
            error.Detail, StringComparison.Ordinal);
        Assert.Contains("containers[0].ports[0].containerPort", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateUpdate_MovingToAnotherNode_IsForbidden()
    {
        var (old, updated) = CreatedPodAndCopy();
        updated["spec"]!["nodeName"] = "node-b";

        Assert.Equal(FieldErrorType.Forbidden, Assert.Single(Update(updated, old)).Type);
    }

    [Fact]
    public void ValidateUpdate_AddingAContainer_IsForbidden()
    {
        var (old, updated) = CreatedPodAndCopy();
        updated["spec"]!["containers"]!.AsArray().Add(Json.Parse("""{"name":"side","image":"busybox"}"""));

        Assert.Equal("spec.containers: Forbidden: pod updates may not add or remove containers", Assert.Single(Update(updated, old)).ToString());
    }

    [Fact]
    public void ValidateUpdate_AddedToleration_IsAllowedButChangingOneIsNot()
    {
        var (old, updated) = CreatedPodAndCopy();
        old["spec"]!["tolerations"] = Json.Parse("""{"t":[{"key":"a","operator":"Exists","effect":"NoSchedule"}]}""")["t"]!.DeepClone();
        updated["spec"]!["tolerations"] = Json.Parse("""{"t":[{"key":"a","operator":"Exists","effect":"NoSchedule"},{"key":"b","operator":"Exists"}]}""")["t"]!.DeepClone();
        Assert.Empty(Update(updated, old));

        updated["spec"]!["tolerations"] = Json.Parse("""{"t":[{"key":"a","operator":"Exists","effect":"NoExecute"}]}""")["t"]!.DeepClone();
        Assert.Contains("spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds", Errors.Lines(Update(updated, old)));
    }

    [Fact]
    public void ValidateUpdate_ClientResendingItsOriginalManifestWithNewImage_IsAllowed()
    {
        var (old, _) = CreatedPodAndCopy();
        var manifest = Json.Parse("""
            {"metadata":{"name":"web","namespace":"default"},
             "spec":{"nodeName":"node-a","containers":[{"name":"app","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}
            """);

        Assert.Empty(Update(manifest, old));
    }

    [Fact]
    public void PrepareForUpdate_KeepsTheStoredStatus()
    {
        var (old, updated) = CreatedPodAndCopy();
        updated["status"] = Json.Parse("""{"phase":"Failed"}""");

        PodStrategy.Instance.PrepareForUpdate(updated, old);

        Assert.Equal("Running", updated["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public void ValidateUpdate_RaisingActiveDeadline_IsRefused()
    {
        var (old, updated) = CreatedPodAndCopy();
        old["spec"]!["activeDeadlineSeconds"] = 30;
        updated["spec"]!["activeDeadlineSeconds"] = 60;

        Assert.Equal("spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value",
            Assert.Single(Update(updated, old)).ToString());
    }
}
