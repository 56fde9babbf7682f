using SharpKube.ApiServer.Registry.ReplicationControllers;

namespace SharpKube.ApiServer.Tests.Registry.Workloads;

public sealed class ReplicationControllerStrategyTests
{
    [Fact]
    public void PrepareForCreate_SelectorAndLabelsDefaultToTheTemplateLabels()
    {
        var controller = Json.Parse("""
            {"metadata":{"name":"rc","namespace":"default"},
             "spec":{"template":{"metadata":{"labels":{"app":"old"}},"spec":{"containers":[{"name":"a","image":"nginx"}]}}}}
            """);

        ReplicationControllerStrategy.Instance.PrepareForCreate(controller);

        Json.Equal("""{"app":"old"}""", controller["spec"]!["selector"]!);
        Json.Equal("""{"app":"old"}""", controller["metadata"]!["labels"]!);
        Assert.Equal(1, controller["spec"]!["replicas"]!.GetValue<long>());
        Json.Equal("""{"replicas":0}""", controller["status"]!);
    }
}
