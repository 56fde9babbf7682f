namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl explain</c> of nested fields, rendered from the generated OpenAPI v3 schemas.</summary>
public sealed class KubectlExplainTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task ExplainLivenessProbe_PrintsTheProbeDocumentationAndItsFields()
    {
        var result = (await fixture.Kubectl.RunAsync("explain", "pod.spec.containers.livenessProbe")).EnsureSuccess();

        Assert.StartsWith("KIND:       Pod\nVERSION:    v1\n\nFIELD: livenessProbe <Probe>\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("Periodic probe of container liveness.", result.Output, StringComparison.Ordinal);
        Assert.Contains("Probe describes a health check to be performed against a container", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  httpGet\s+<HTTPGetAction>$", result.Output);
        Assert.Matches(@"(?m)^  periodSeconds\s+<integer>$", result.Output);
        Assert.Matches(@"(?m)^    How often \(in seconds\) to perform the probe\.", result.Output);
    }

    [Fact]
    public async Task ExplainContainers_MarksNameRequired()
    {
        var result = (await fixture.Kubectl.RunAsync("explain", "pod.spec.containers")).EnsureSuccess();

        Assert.Contains("FIELD: containers <[]Container>", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  name\s+<string> -required-$", result.Output);
        Assert.Matches(@"(?m)^  resources\s+<ResourceRequirements>$", result.Output);
    }

    [Fact]
    public async Task ExplainSpecialTypes_NamesQuantityAndIntOrString()
    {
        var resources = (await fixture.Kubectl.RunAsync("explain", "pod.spec.containers.resources")).EnsureSuccess();
        var targetPort = (await fixture.Kubectl.RunAsync("explain", "service.spec.ports.targetPort")).EnsureSuccess();

        Assert.Matches(@"(?m)^  limits\s+<map\[string\]Quantity>$", resources.Output);
        Assert.Contains("FIELD: targetPort <IntOrString>", targetPort.Output, StringComparison.Ordinal);
        Assert.Contains("Number or name of the port to access on the pods targeted by the service.", targetPort.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainDeploymentRecursive_PrintsTheWholeFieldTreeWithDocumentation()
    {
        var result = (await fixture.Kubectl.RunAsync("explain", "deployment", "--recursive")).EnsureSuccess();

        Assert.StartsWith("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("Deployment enables declarative updates for Pods and ReplicaSets.", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^    replicas\s+<integer>$", result.Output);
        Assert.Matches(@"(?m)^    selector\s+<LabelSelector> -required-$", result.Output);
        Assert.Matches(@"(?m)^        containers\s+<\[\]Container> -required-$", result.Output);
        Assert.Matches(@"(?m)^          image\s+<string>$", result.Output);
        Assert.Matches(@"(?m)^          livenessProbe\s+<Probe>$", result.Output);
        Assert.Matches(@"(?m)^            httpGet\s+<HTTPGetAction>$", result.Output);
    }
}
