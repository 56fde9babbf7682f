using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.FieldManagement;

namespace SharpKube.ApiMachinery.Tests.FieldManagement;

public sealed class FieldSetTests
{
    [Fact]
    public void FieldsV1_RoundTrips_WithMembersThatHaveChildrenMarkedByDot()
    {
        const string json = """{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:name":{}}},"f:replicas":{}}}""";
        var set = FieldSet.FromFieldsV1(JsonNode.Parse(json));

        Assert.Equal(json, set.ToFieldsV1().ToJsonString(ApplyFixture.Relaxed));
        Assert.True(set.Contains(["f:metadata", "f:labels"]));
        Assert.False(set.Contains(["f:metadata"]));
        Assert.Equal(6, set.Count);
    }

    [Fact]
    public void ToFieldsV1_OrdersFieldsThenKeysThenValues_AndKeysNumerically()
    {
        var set = new FieldSet();
        set.Insert(["f:list", "v:\"b\""]);
        set.Insert(["f:ports", "k:{\"containerPort\":8080,\"protocol\":\"TCP\"}"]);
        set.Insert(["f:ports", "k:{\"containerPort\":9,\"protocol\":\"TCP\"}"]);
        set.Insert(["f:list", "v:\"a\""]);
        set.Insert(["f:b"]);
        set.Insert(["f:a"]);

        Assert.Equal("""{"f:a":{},"f:b":{},"f:list":{"v:\"a\"":{},"v:\"b\"":{}},"f:ports":{"k:{\"containerPort\":9,\"protocol\":\"TCP\"}":{},"k:{\"containerPort\":8080,\"protocol\":\"TCP\"}":{}}}""",
            set.ToFieldsV1().ToJsonString(ApplyFixture.Relaxed));
    }

    [Fact]
    public void SetOperations_WorkPathByPath()
    {
        var a = Set(["f:a"], ["f:b", "f:c"], ["f:b"]);
        var b = Set(["f:b", "f:c"], ["f:d"]);

        Assert.Equal(["f:a", "f:b", "f:b.f:c", "f:d"], Flat(a.Union(b)));
        Assert.Equal(["f:a", "f:b"], Flat(a.Difference(b)));
        Assert.Equal(["f:b.f:c"], Flat(a.Intersection(b)));
        Assert.Equal(["f:a"], Flat(a.WithoutSubtrees(Set(["f:b"]))));
        Assert.Equal(["f:b", "f:b.f:c"], Flat(a.OnlySubtrees(Set(["f:b"]))));
    }

    [Fact]
    public void OverlapsAndIsSubsetOf_LookAtMembersOnly()
    {
        var owned = Set(["f:spec"], ["f:spec", "f:replicas"], ["f:spec", "f:paused"]);

        Assert.True(owned.Overlaps(Set(["f:spec", "f:replicas"])));
        Assert.False(owned.Overlaps(Set(["f:spec", "f:selector"])));
        Assert.False(owned.Overlaps(Set(["f:metadata"])));
        Assert.True(Set(["f:spec", "f:replicas"]).IsSubsetOf(owned));
        Assert.True(new FieldSet().IsSubsetOf(owned));
        Assert.False(Set(["f:spec", "f:selector"]).IsSubsetOf(owned));
        Assert.False(Set(["f:status"]).IsSubsetOf(owned));
        Assert.Equal(!owned.Intersection(Set(["f:spec", "f:paused"], ["f:x"])).IsEmpty, owned.Overlaps(Set(["f:spec", "f:paused"], ["f:x"])));
    }

    [Theory]
    [InlineData("""{"x:bad":{}}""")]
    [InlineData("""{"f:a":"text"}""")]
    [InlineData("""{"k:[1]":{}}""")]
    [InlineData("""{"i:one":{}}""")]
    public void FromFieldsV1_RefusesWhatIsNotFieldsV1(string json) =>
        Assert.Throws<FormatException>(() => FieldSet.FromFieldsV1(JsonNode.Parse(json)));

    [Fact]
    public void Describe_SpellsPathsAsConflictMessagesDo() =>
        Assert.Equal(""".spec.containers[name="app"].ports[containerPort=80,protocol="TCP"].finalizers[="x"][3]""",
            PathElement.Describe(["f:spec", "f:containers", """k:{"name":"app"}""", "f:ports",
                """k:{"containerPort":80,"protocol":"TCP"}""", "f:finalizers", "v:\"x\"", "i:3"]));

    private static FieldSet Set(params string[][] paths)
    {
        var set = new FieldSet();
        foreach (var path in paths)
        {
            set.Insert(path);
        }
        return set;
    }

    private static string[] Flat(FieldSet set) => set.Paths().Select(p => string.Join(".", p)).ToArray();
}
