namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>Pods with malformed affinity, created with the real kubectl: refused as 422 Invalid with upstream's field paths.</summary>
public sealed class KubectlAffinityValidationTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task CreateFile_APodWithAnInOperatorWithoutValues_IsInvalid()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "affinity-in");
        var path = _manifests.Write("in-without-values.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: picky
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
                        operator: In
            """);

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("""
            The Pod "picky" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'

            """, result.Error);
    }

    [Fact]
    public async Task CreateFile_ADeploymentWithAnUnknownOperatorAndAnEmptyTopologyKey_ListsBoth()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "affinity-deploy");
        var path = _manifests.Write("bad-affinity-deploy.yaml", """
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

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

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
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "affinity-gt");
        var path = _manifests.Write("gt-word.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: counts
            spec:
              containers:
              - name: app
                image: nginx:1.27
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchExpressions:
                      - key: cores
                        operator: Gt
                        values: [many]
            """);

        (await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns)).EnsureSuccess();
    }
}
