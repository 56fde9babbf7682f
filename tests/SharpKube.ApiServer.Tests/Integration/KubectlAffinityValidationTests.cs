namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>Pods with malformed affinity, created with the real kubectl: refused as 422 Invalid with upstream's field paths.</summary>
public sealed class KubectlAffinityValidationTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    /// <summary>A pod named <paramref name="name"/> whose required node affinity has one match expression, given as YAML flow mapping.</summary>
    private static string PodRequiringNodeAffinity(string name, string matchExpression) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
        spec:
          containers:
          - name: app
            image: nginx:1.27
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                - matchExpressions:
                  - {{matchExpression}}
        """;

    /// <summary><c>kubectl create -f</c> of <paramref name="manifest"/> in a new namespace named after <paramref name="prefix"/>.</summary>
    private async Task<(KubectlResult Result, string Namespace)> CreateAsync(string prefix, string manifest)
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, prefix);
        var path = _manifests.Write(prefix + ".yaml", manifest);
        return (await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns), ns);
    }

    [Fact]
    public async Task CreateFile_APodWithAnInOperatorWithoutValues_IsInvalid()
    {
        var (result, _) = await CreateAsync("affinity-in", PodRequiringNodeAffinity("picky", "{key: disk, operator: In}"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("""
            The Pod "picky" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'

            """, result.Error);
    }

    [Fact]
    public async Task CreateFile_ADeploymentWithAnUnknownOperatorAndAnEmptyTopologyKey_ListsBoth()
    {
        var (result, ns) = await CreateAsync("affinity-deploy", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: app
                    image: nginx:1.27
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                        - matchExpressions:
                          - key: disk
                            operator: Near
                            values: [ssd]
                    podAntiAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                      - labelSelector:
                          matchLabels: {app: web}
                        topologyKey: ""
            """);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("The Deployment \"web\" is invalid: \n", result.Error, StringComparison.Ordinal);
        Assert.Contains("* spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: " +
            "Invalid value: \"Near\": not a valid selector operator\n", result.Error, StringComparison.Ordinal);
        Assert.Contains("* spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty\n",
            result.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await fixture.Kubectl.RunAsync("get", "deploy", "web", "-n", ns)).ExitCode);
    }

    [Fact]
    public async Task CreateFile_AGtWithANonIntegerValue_IsAccepted_AsUpstream()
    {
        var (result, _) = await CreateAsync("affinity-gt", PodRequiringNodeAffinity("counts", "{key: cores, operator: Gt, values: [many]}"));

        result.EnsureSuccess();
    }
}
