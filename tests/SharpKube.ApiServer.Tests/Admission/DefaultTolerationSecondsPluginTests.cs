using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiServer.Admission;
using SharpKube.ApiServer.Tests.Registry;

namespace SharpKube.ApiServer.Tests.Admission;

public sealed class DefaultTolerationSecondsPluginTests
{
    [Theory]
    // Upstream looks only at key (the taint's or empty) and effect (NoExecute or empty).
    [InlineData("""{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute"}""", "unreachable")]
    [InlineData("""{"key":"node.kubernetes.io/not-ready","operator":"Exists"}""", "unreachable")]
    [InlineData("""{"key":"node.kubernetes.io/not-ready","operator":"Equal","value":"x","effect":"NoExecute"}""", "unreachable")]
    [InlineData("""{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":0}""", "not-ready")]
    [InlineData("""{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoSchedule"}""", "not-ready unreachable")]
    [InlineData("""{"key":"example.com/other","operator":"Exists","effect":"NoExecute"}""", "not-ready unreachable")]
    [InlineData("""{"operator":"Exists","effect":"NoSchedule"}""", "not-ready unreachable")]
    [InlineData("""{"operator":"Exists","effect":"NoExecute"}""", "")]
    [InlineData("""{"operator":"Exists"}""", "")]
    public void Admit_AddsTheTolerationsThePodDoesNotAlreadyHave(string toleration, string added)
    {
        var pod = Json.Parse($$$"""{"spec":{"containers":[],"tolerations":[{{{toleration}}}]}}""");

        new DefaultTolerationSeconds().Admit(pod, null);

        var tolerations = pod["spec"]!["tolerations"]!.AsArray();
        Assert.Equal(toleration, tolerations[0]!.ToJsonString());
        Assert.Equal(added, string.Join(' ', tolerations.Skip(1).Select(t => ((string)t!["key"]!)["node.kubernetes.io/".Length..])));
    }

    [Fact]
    public void Admit_WithoutTolerations_AddsBothWithTheConfiguredSeconds()
    {
        var pod = Json.Parse("""{"spec":{"containers":[]}}""");

        new DefaultTolerationSeconds(notReadySeconds: 10, unreachableSeconds: 20).Admit(pod, null);

        Assert.Equal("""
            [{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":10},{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":20}]
            """, pod["spec"]!["tolerations"]!.ToJsonString());
    }

    [Fact]
    public void Handles_CorePodsOnly()
    {
        var plugin = new DefaultTolerationSeconds();
        var registry = ResourceRegistry.BuiltIn;

        Assert.Equal(["pods"], registry.All.Where(plugin.Handles).Select(r => r.Plural).Distinct());
    }
}
