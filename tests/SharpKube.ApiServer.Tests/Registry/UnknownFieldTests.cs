using SharpKube.ApiServer.Registry;

namespace SharpKube.ApiServer.Tests.Registry;

public sealed class UnknownFieldTests
{
    [Theory]
    [InlineData("", "Pod")]
    [InlineData("", "Service")]
    [InlineData("", "Namespace")]
    [InlineData("", "Secret")]
    [InlineData("", "PersistentVolumeClaim")]
    [InlineData("apps", "Deployment")]
    [InlineData("apps", "StatefulSet")]
    [InlineData("apps", "DaemonSet")]
    [InlineData("batch", "Job")]
    [InlineData("batch", "CronJob")]
    [InlineData("networking.k8s.io", "NetworkPolicy")]
    [InlineData("autoscaling", "HorizontalPodAutoscaler")]
    public void PrepareForCreateAndUpdate_KeepFieldsTheyDoNotKnow(string group, string kind)
    {
        var strategy = StrategyCatalog.For(group, kind);
        var obj = Json.Parse("""
            {"metadata":{"name":"x","namespace":"default","uid":"u"},"x-top":{"a":[1,2]},
             "spec":{"x-spec":"kept","template":{"x-template":true,"spec":{"x-pod":1,"containers":[{"name":"c","image":"i","x-container":"k"}]}}}}
            """);

        strategy.PrepareForCreate(obj);
        var updated = obj.DeepClone().AsObject();
        strategy.PrepareForUpdate(updated, obj);

        foreach (var result in new[] { obj, updated })
        {
            Json.Equal("""{"a":[1,2]}""", result["x-top"]!);
            Assert.Equal("kept", result["spec"]!["x-spec"]!.GetValue<string>());
            Assert.True(result["spec"]!["template"]!["x-template"]!.GetValue<bool>());
            Assert.Equal("k", result["spec"]!["template"]!["spec"]!["containers"]![0]!["x-container"]!.GetValue<string>());
        }
    }

    [Fact]
    public void PrepareForCreate_DefaultedNumbers_ReadAsAnyNumericType()
    {
        var deployment = Json.Parse("""{"metadata":{"name":"d","namespace":"default"},"spec":{}}""");

        StrategyCatalog.For("apps", "Deployment").PrepareForCreate(deployment);

        Assert.Equal(1, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1L, deployment["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal(600.0, deployment["spec"]!["progressDeadlineSeconds"]!.GetValue<double>());
    }
}
