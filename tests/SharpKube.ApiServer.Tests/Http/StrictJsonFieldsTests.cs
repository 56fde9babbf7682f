using System.Text;
using k8s.Models;
using SharpKube.ApiServer.Http;

namespace SharpKube.ApiServer.Tests.Http;

public sealed class StrictJsonFieldsTests
{
    [Fact]
    public void RepeatedKeys_AreReportedOncePerKey_InsideModelsAndMaps()
    {
        const string json = """
            {"metadata": {"name": "a", "name": "b", "name": "c", "labels": {"x": "1", "x": "2"}},
             "data": {"k": "1", "k": "2"}}
            """;

        var errors = StrictJsonFields.Find(Encoding.UTF8.GetBytes(json), typeof(V1ConfigMap));

        Assert.Equal(["duplicate field \"metadata.name\"", "duplicate field \"metadata.labels.x\"", "duplicate field \"data.k\""], errors);
    }

    [Fact]
    public void UnknownMembers_AreReportedOnceAndNotAlsoAsDuplicates_AndNotWalkedInto()
    {
        const string json = """{"bogus": {"a": 1, "a": 2}, "bogus": 1, "data": {}, "spec": [1]}""";

        var errors = StrictJsonFields.Find(Encoding.UTF8.GetBytes(json), typeof(V1ConfigMap));

        Assert.Equal(["unknown field \"bogus\"", "unknown field \"spec\""], errors);
    }

    [Fact]
    public void ListItems_ArePathedByIndex_AndWithoutAModelOnlyDuplicatesCount()
    {
        const string pod = """{"spec": {"containers": [{"name": "a"}, {"name": "b", "image": "x", "image": "y", "imagePullPolicy2": 1}]}}""";

        Assert.Equal(
            ["duplicate field \"spec.containers[1].image\"", "unknown field \"spec.containers[1].imagePullPolicy2\""],
            StrictJsonFields.Find(Encoding.UTF8.GetBytes(pod), typeof(V1Pod)));
        Assert.Equal(["duplicate field \"spec.containers[1].image\""], StrictJsonFields.Find(Encoding.UTF8.GetBytes(pod), null));
    }
}
