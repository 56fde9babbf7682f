using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.FieldManagement;
using static SharpKube.ApiMachinery.Tests.FieldManagement.ApplyFixture;

namespace SharpKube.ApiMachinery.Tests.FieldManagement;

public sealed class ApplyTests
{
    [Fact]
    public void ApplyToNothing_CreatesTheConfiguration_OwnedByTheApplier()
    {
        var created = FieldManager.Apply(null, Deployment(), "kubectl", force: false, Deployments, Now);

        Assert.Equal("nginx:1.27", (string?)At(created, "spec.template.spec.containers.0.image"));
        Assert.Equal(["kubectl/Apply"], Managers(created));
        var entry = Entry(created, "kubectl");
        Assert.Equal("apps/v1", (string?)entry["apiVersion"]);
        Assert.True(FieldSet.FromFieldsV1(entry["fieldsV1"]).Contains(["f:spec", "f:replicas"]));
    }

    [Fact]
    public void Reapply_ChangesOwnFields_WithoutConflict()
    {
        var live = FieldManager.Apply(null, Deployment(), "kubectl", false, Deployments, Now);

        var updated = FieldManager.Apply(live, Deployment(image: "nginx:1.28"), "kubectl", false, Deployments, Now.AddMinutes(1));

        Assert.Equal("nginx:1.28", (string?)At(updated, "spec.template.spec.containers.0.image"));
        Assert.Equal("2026-11-27T12:01:00Z", (string?)Entry(updated, "kubectl")["time"]);
    }

    [Fact]
    public void FieldsTheApplierDrops_AreRemoved_UnlessSomeoneElseOwnsThem()
    {
        var live = FieldManager.Apply(null, Deployment(extra: ""","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]"""),
            "kubectl", false, Deployments, Now);
        // Another applier co-owns env B.
        live = FieldManager.Apply(live, Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"B","value":"2"}]}]}}}}
            """), "other", false, Deployments, Now);

        var updated = FieldManager.Apply(live, Deployment(replicas: 2), "kubectl", false, Deployments, Now);

        var env = At(updated, "spec.template.spec.containers.0.env")!.AsArray();
        Assert.Equal(["B"], env.Select(e => (string?)e!["name"]));
        Assert.Equal("nginx:1.27", (string?)At(updated, "spec.template.spec.containers.0.image"));
    }

    [Fact]
    public void DroppingEveryItem_RemovesTheEmptiedList()
    {
        var live = FieldManager.Apply(null, Deployment(extra: ""","env":[{"name":"A","value":"1"}]"""), "kubectl", false, Deployments, Now);

        var updated = FieldManager.Apply(live, Deployment(), "kubectl", false, Deployments, Now);

        Assert.False(At(updated, "spec.template.spec.containers.0")!.AsObject().ContainsKey("env"));
    }

    [Fact]
    public void DroppingAField_DoesNotTouchFieldsTheApplierNeverOwned()
    {
        var live = Deployment();
        FieldManager.RecordUpdate(null, live, "kubectl-create", Deployments, Now);
        live = FieldManager.Apply(live, Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","annotations":{"a":"1"}}}"""),
            "kubectl", false, Deployments, Now);

        var updated = FieldManager.Apply(live, Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"}}"""),
            "kubectl", false, Deployments, Now);

        Assert.Null(At(updated, "metadata.annotations.a"));
        Assert.Equal(2, (int?)At(updated, "spec.replicas"));
        Assert.DoesNotContain("kubectl/Apply", Managers(updated));
    }

    [Fact]
    public void ChangingAFieldAnotherManagerOwns_IsAConflict_WithUpstreamsMessage()
    {
        var live = FieldManager.Apply(null, Deployment(), "kubectl", false, Deployments, Now);
        var edited = Deployment(replicas: 5);
        edited["metadata"]!["managedFields"] = live["metadata"]!["managedFields"]!.DeepClone();
        FieldManager.RecordUpdate(live, edited, "kubectl-edit", Deployments, Now);

        var error = Assert.Throws<ApplyConflictException>(() =>
            FieldManager.Apply(edited, Deployment(replicas: 3), "kubectl", false, Deployments, Now));

        Assert.Equal("""Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas""", error.Message);
        var conflict = Assert.Single(error.Conflicts);
        Assert.Equal(".spec.replicas", conflict.Field);
    }

    [Fact]
    public void SeveralConflicts_AreListedByManager()
    {
        var live = Deployment();
        FieldManager.RecordUpdate(null, live, "kubectl-create", Deployments, Now);

        var error = Assert.Throws<ApplyConflictException>(() =>
            FieldManager.Apply(live, Deployment(image: "busybox", replicas: 9), "mine", false, Deployments, Now));

        Assert.Equal("""
            Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1:
            - .spec.replicas
            - .spec.template.spec.containers[name="app"].image
            """.ReplaceLineEndings("\n").Trim(), error.Message);
    }

    [Fact]
    public void Force_TakesOwnership()
    {
        var live = Deployment();
        FieldManager.RecordUpdate(null, live, "kubectl-create", Deployments, Now);

        var forced = FieldManager.Apply(live, Deployment(replicas: 9), "mine", force: true, Deployments, Now);

        Assert.Equal(9, (int?)At(forced, "spec.replicas"));
        var create = FieldSet.FromFieldsV1(Entry(forced, "kubectl-create", "Update")["fieldsV1"]);
        Assert.False(create.Contains(["f:spec", "f:replicas"]));
        Assert.True(create.Contains(["f:spec", "f:selector"]));
        Assert.True(FieldSet.FromFieldsV1(Entry(forced, "mine")["fieldsV1"]).Contains(["f:spec", "f:replicas"]));
    }

    [Fact]
    public void ApplyingTheSameValue_SharesOwnership()
    {
        var live = Deployment();
        FieldManager.RecordUpdate(null, live, "kubectl-create", Deployments, Now);

        var shared = FieldManager.Apply(live, Deployment(), "mine", false, Deployments, Now);

        Assert.True(FieldSet.FromFieldsV1(Entry(shared, "kubectl-create", "Update")["fieldsV1"]).Contains(["f:spec", "f:replicas"]));
        Assert.True(FieldSet.FromFieldsV1(Entry(shared, "mine")["fieldsV1"]).Contains(["f:spec", "f:replicas"]));
    }

    [Fact]
    public void ObjectsWithoutManagedFields_AreOwnedBeforeFirstApply()
    {
        var error = Assert.Throws<ApplyConflictException>(() =>
            FieldManager.Apply(Deployment(), Deployment(replicas: 4), "mine", false, Deployments, Now));

        Assert.Contains("conflict with \"before-first-apply\" using apps/v1: .spec.replicas", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyedLists_MergeByKey_SharedItemsFollowTheConfigOrder_OthersKeepTheirPlace()
    {
        var live = Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["a","b","c"]}}""");
        var config = Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["c","x","a"]}}""");

        var merged = ApplyMerge.Merge(live, config, ConfigMaps.Schema);

        Assert.Equal(["b", "c", "x", "a"], At(merged, "metadata.finalizers")!.AsArray().Select(f => (string?)f));
    }

    [Fact]
    public void KeyedLists_MergeItemFields_AndAtomicListsReplace()
    {
        var live = Deployment(extra: ""","args":["a","b"],"env":[{"name":"A","value":"1"}]""");
        var config = Parse("""
            {"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox"},{"name":"app","args":["c"],"env":[{"name":"B","value":"2"}]}]}}}}
            """);

        var merged = ApplyMerge.Merge(live, config, Deployments.Schema);

        var containers = At(merged, "spec.template.spec.containers")!.AsArray();
        Assert.Equal(["side", "app"], containers.Select(c => (string?)c!["name"]));
        Assert.Equal("nginx:1.27", (string?)containers[1]!["image"]);
        Assert.Equal(["c"], containers[1]!["args"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(["A", "B"], containers[1]!["env"]!.AsArray().Select(e => (string?)e!["name"]));
    }

    [Fact]
    public void NullInTheConfiguration_RemovesTheField()
    {
        var merged = ApplyMerge.Merge(Deployment(), Parse("""{"spec":{"replicas":null}}"""), Deployments.Schema);

        Assert.False(merged["spec"]!.AsObject().ContainsKey("replicas"));
    }

    [Fact]
    public void KubectlsApplier_TakesOverFromClientSideApply_WhenLiveStillMatchesTheLastApplied()
    {
        var file = Deployment();
        var live = Deployment();
        live["metadata"]!["annotations"] = new JsonObject
        {
            [FieldManager.LastAppliedAnnotation] = file.ToJsonString() + "\n",
        };
        FieldManager.RecordUpdate(null, live, "kubectl-client-side-apply", Deployments, Now);

        var upgraded = FieldManager.Apply(live, Deployment(image: "nginx:1.28"), FieldManager.KubectlApplier, false, Deployments, Now);

        Assert.Equal("nginx:1.28", (string?)At(upgraded, "spec.template.spec.containers.0.image"));
        var annotation = (string)At(upgraded, "metadata.annotations")![FieldManager.LastAppliedAnnotation]!;
        Assert.StartsWith("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"web"},"name":"web","namespace":"default"},""", annotation, StringComparison.Ordinal);
        Assert.EndsWith("\n", annotation, StringComparison.Ordinal);
        Assert.Contains("nginx:1.28", annotation, StringComparison.Ordinal);
        Assert.Throws<ApplyConflictException>(() =>
            FieldManager.Apply(live, Deployment(image: "nginx:1.28"), "someone-else", false, Deployments, Now));
    }
}
