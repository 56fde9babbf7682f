namespace SharpKube.ApiServer.Tests.Integration;

public sealed class ScratchDupTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task Scratch()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "scratch-dup");
        var y = await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write("d.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  name: cfg2\ndata:\n  a: one\n  a: two\n"), "-n", ns, "-v=8");
        File.WriteAllText("/tmp/dup-yaml.txt", y.ExitCode + "\n" + y.Output + "\n" + y.Error);
        var j = await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write("d.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"j1\",\"name\":\"j2\"},\"data\":{\"a\":\"1\",\"a\":\"2\"}}"), "-n", ns, "-v=8");
        File.WriteAllText("/tmp/dup-json.txt", j.ExitCode + "\n" + j.Output + "\n" + j.Error);
    }
}
