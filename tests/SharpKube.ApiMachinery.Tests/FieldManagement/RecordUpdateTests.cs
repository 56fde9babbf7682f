using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.FieldManagement;
using static SharpKube.ApiMachinery.Tests.FieldManagement.ApplyFixture;

namespace SharpKube.ApiMachinery.Tests.FieldManagement;

public sealed class RecordUpdateTests
{
    [Fact]
    public void Create_CreditsEveryFieldSet_MarkingNewMapsAndItems()
    {
        var created = Deployment();

        FieldManager.RecordUpdate(null, created, "kubectl-create", Deployments, Now);

        var entry = Entry(created, "kubectl-create", "Update");
        Assert.Equal("apps/v1", (string?)entry["apiVersion"]);
        Assert.Equal("2026-11-27T12:00:00Z", (string?)entry["time"]);
        Assert.Equal("FieldsV1", (string?)entry["fieldsType"]);
        var fields = FieldSet.FromFieldsV1(entry["fieldsV1"]);
        Assert.True(fields.Contains(["f:metadata", "f:labels"]));
        Assert.True(fields.Contains(["f:metadata", "f:labels", "f:app"]));
        Assert.True(fields.Contains(["f:spec", "f:template", "f:spec", "f:containers", """k:{"name":"app"}"""]));
        Assert.True(fields.Contains(["f:spec", "f:template", "f:spec", "f:containers", """k:{"name":"app"}""", "f:image"]));
        Assert.False(fields.Contains(["f:metadata", "f:name"]));
        Assert.False(fields.Contains(["f:apiVersion"]));
    }

    [Fact]
    public void Update_TakesChangedFieldsFromOtherManagers_AndKeepsItsEarlierOnes()
    {
        var live = Deployment();
        FieldManager.RecordUpdate(null, live, "kubectl-create", Deployments, Now);
        var edited = Deployment(replicas: 5);
        edited["metadata"]!["managedFields"] = live["metadata"]!["managedFields"]!.DeepClone();

        FieldManager.RecordUpdate(live, edited, "kubectl-edit", Deployments, Now.AddMinutes(1));

        var edit = FieldSet.FromFieldsV1(Entry(edited, "kubectl-edit", "Update")["fieldsV1"]);
        var create = FieldSet.FromFieldsV1(Entry(edited, "kubectl-create", "Update")["fieldsV1"]);
        Assert.Equal(["f:spec.f:replicas"], edit.Paths().Select(p => string.Join(".", p)));
        Assert.False(create.Contains(["f:spec", "f:replicas"]));
        Assert.True(create.Contains(["f:spec", "f:selector"]));
        Assert.Equal(["kubectl-create/Update", "kubectl-edit/Update"], Managers(edited));
    }

    [Fact]
    public void Update_OfFieldsTheManagerAlreadyOwns_RefreshesItsTime_AndLeavesEveryFieldSetAsItWas()
    {
        var live = Deployment(replicas: 3);
        FieldManager.RecordUpdate(null, live, "kubectl-create", Deployments, Now);
        var scaled = Deployment(replicas: 4);
        scaled["metadata"]!["managedFields"] = live["metadata"]!["managedFields"]!.DeepClone();
        FieldManager.RecordUpdate(live, scaled, "scaler", Deployments, Now.AddMinutes(1));
        var before = scaled["metadata"]!["managedFields"]!.DeepClone();
        var rescaled = Deployment(replicas: 5);
        rescaled["metadata"]!["managedFields"] = scaled["metadata"]!["managedFields"]!.DeepClone();

        FieldManager.RecordUpdate(scaled, rescaled, "scaler", Deployments, Now.AddMinutes(2));

        Assert.Equal(["kubectl-create/Update", "scaler/Update"], Managers(rescaled));
        Assert.Equal("2026-11-27T12:02:00Z", (string?)Entry(rescaled, "scaler", "Update")["time"]);
        Assert.True(JsonNode.DeepEquals(ManagedEntry(before, "scaler")["fieldsV1"], Entry(rescaled, "scaler", "Update")["fieldsV1"]));
        Assert.True(JsonNode.DeepEquals(ManagedEntry(before, "kubectl-create")["fieldsV1"], Entry(rescaled, "kubectl-create", "Update")["fieldsV1"]));
        Assert.Equal(["f:spec.f:replicas"], FieldSet.FromFieldsV1(Entry(rescaled, "scaler", "Update")["fieldsV1"]).Paths().Select(p => string.Join(".", p)));
    }

    private static JsonObject ManagedEntry(JsonNode managedFields, string manager) =>
        managedFields.AsArray().OfType<JsonObject>().Single(e => (string?)e["manager"] == manager);

    [Fact]
    public void Update_ThatChangesNothing_AddsNoEntry()
    {
        var live = Deployment();
        FieldManager.RecordUpdate(null, live, "kubectl-create", Deployments, Now);
        var same = (JsonObject)live.DeepClone();

        FieldManager.RecordUpdate(live, same, "kubectl-label", Deployments, Now.AddMinutes(1));

        Assert.Equal(["kubectl-create/Update"], Managers(same));
    }

    [Fact]
    public void Update_RemovingAField_RemovesItFromEveryManager()
    {
        var live = Deployment();
        FieldManager.RecordUpdate(null, live, "kubectl-create", Deployments, Now);
        var updated = (JsonObject)live.DeepClone();
        updated["metadata"]!.AsObject().Remove("labels");

        FieldManager.RecordUpdate(live, updated, "kubectl-label", Deployments, Now);

        var create = FieldSet.FromFieldsV1(Entry(updated, "kubectl-create", "Update")["fieldsV1"]);
        Assert.False(create.Contains(["f:metadata", "f:labels", "f:app"]));
        Assert.DoesNotContain("kubectl-label/Update", Managers(updated));
    }

    [Fact]
    public void ClientWrittenManagedFields_AreTheBase_AndAnEmptyListResetsThem()
    {
        var live = Deployment();
        FieldManager.RecordUpdate(null, live, "kubectl-create", Deployments, Now);
        var rewritten = (JsonObject)live.DeepClone();
        rewritten["metadata"]!["managedFields"] = JsonNode.Parse("""
            [{"manager":"someone","operation":"Apply","apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]
            """);

        FieldManager.RecordUpdate(live, rewritten, "kubectl-patch", Deployments, Now);
        Assert.Equal(["someone/Apply"], Managers(rewritten));

        var reset = (JsonObject)live.DeepClone();
        reset["metadata"]!.AsObject().Remove("managedFields");
        FieldManager.RecordUpdate(live, reset, "kubectl-patch", Deployments, Now, resetRequested: true);
        Assert.Empty(Managers(reset));
    }

    [Fact]
    public void StatusIgnoredOnTheMainResource_AndOnlyStatusOwnedThroughTheSubresource()
    {
        var live = Deployment();
        var withStatus = Deployment();
        withStatus["status"] = new JsonObject { ["replicas"] = 2 };
        FieldManager.RecordUpdate(live, withStatus, "controller", Deployments, Now);
        Assert.Empty(Managers(withStatus));

        var statusScope = Deployments with { Ignored = null, Subresource = "status", OnlyUnder = FieldOwnershipScope.Build(["f:status"]) };
        var viaStatus = Deployment(replicas: 7);
        viaStatus["status"] = new JsonObject { ["replicas"] = 2 };
        FieldManager.RecordUpdate(live, viaStatus, "controller", statusScope, Now);

        var entry = Entry(viaStatus, "controller", "Update");
        Assert.Equal("status", (string?)entry["subresource"]);
        Assert.Equal(["f:status.f:replicas"], FieldSet.FromFieldsV1(entry["fieldsV1"]).Paths().Select(p => string.Join(".", p)));
    }

    [Fact]
    public void MoreThanTenUpdateManagers_AreCappedIntoAncientChanges()
    {
        var obj = Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{}}""");
        for (var i = 0; i < 12; i++)
        {
            var next = (JsonObject)obj.DeepClone();
            next["data"]![$"k{i}"] = "v";
            FieldManager.RecordUpdate(obj, next, $"writer-{i:00}", ConfigMaps, Now.AddSeconds(i));
            obj = next;
        }

        var managers = Managers(obj);
        Assert.Equal(10, managers.Count);
        Assert.Contains("ancient-changes/Update", managers);
        var ancient = FieldSet.FromFieldsV1(Entry(obj, "ancient-changes", "Update")["fieldsV1"]);
        Assert.True(ancient.Contains(["f:data", "f:k0"]));
        Assert.True(ancient.Contains(["f:data", "f:k2"]));
    }
}
