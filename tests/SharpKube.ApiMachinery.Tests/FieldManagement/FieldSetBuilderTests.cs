using SharpKube.ApiMachinery.FieldManagement;
using static SharpKube.ApiMachinery.Tests.FieldManagement.ApplyFixture;

namespace SharpKube.ApiMachinery.Tests.FieldManagement;

public sealed class FieldSetBuilderTests
{
    [Fact]
    public void AppliedDeployment_OwnsLeavesMapKeysAndListItems_AndAtomicSelectorWhole()
    {
        var set = Deployments.Filter(FieldSetBuilder.Of(Deployment(), Deployments.Schema));

        Assert.Equal("""
            {"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}
            """.Trim(), set.ToFieldsV1().ToJsonString(ApplyFixture.Relaxed));
    }

    [Fact]
    public void EmptyStructsAndNulls_AreOwnedAsLeaves()
    {
        var config = Parse("""{"spec":{"template":{"spec":{"securityContext":{},"nodeName":null}}}}""");

        var set = FieldSetBuilder.Of(config, Deployments.Schema);

        Assert.True(set.Contains(["f:spec", "f:template", "f:spec", "f:securityContext"]));
        Assert.True(set.Contains(["f:spec", "f:template", "f:spec", "f:nodeName"]));
    }

    [Fact]
    public void FinalizersAreASet_OwnedItemByItem()
    {
        var set = FieldSetBuilder.Of(Parse("""{"metadata":{"finalizers":["a/b","c/d"]}}"""), Deployments.Schema);

        Assert.True(set.Contains(["f:metadata", "f:finalizers", "v:\"a/b\""]));
        Assert.False(set.Contains(["f:metadata", "f:finalizers"]));
    }

    [Fact]
    public void DuplicateKeyedItems_AreRefused()
    {
        var config = Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x"},{"name":"a","image":"y"}]}}}}""");

        var error = Assert.Throws<FieldManagementException>(() => FieldSetBuilder.Of(config, Deployments.Schema));

        Assert.Equal(""".spec.template.spec.containers: duplicate entries for key [name="a"]""", error.Message);
    }

    [Fact]
    public void ItemsWithoutAnyKey_AreRefused()
    {
        var config = Parse("""{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}""");

        Assert.Throws<FieldManagementException>(() => FieldSetBuilder.Of(config, Deployments.Schema));
    }
}
