namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// kubectl against the in-memory datastore: the server bootstraps (it creates the kubernetes service in
/// the default namespace it has just created) and a namespace and its contents can come from one file.
/// </summary>
public sealed class KubectlMemoryDatastoreTests(KubectlMemoryDatastoreFixture fixture) : IClassFixture<KubectlMemoryDatastoreFixture>
{
    [Fact]
    public async Task Server_Bootstraps_TheKubernetesServiceInDefault()
    {
        var result = (await fixture.Kubectl.RunAsync("get", "svc", "kubernetes", "-n", "default", "-o", "name")).EnsureSuccess();

        Assert.Equal("service/kubernetes\n", result.Output);
    }

    [Fact]
    public async Task CreateFile_ANamespaceAndAConfigMapInIt_Succeeds()
    {
        var path = new KubectlManifests(fixture.DataDir).Write("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: memory-ns\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: memory-ns\n");

        var result = await fixture.Kubectl.RunAsync("create", "-f", path);

        Assert.Equal("namespace/memory-ns created\nconfigmap/c created\n", result.Output + result.Error);
    }
}
