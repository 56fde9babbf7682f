using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// Updates start from the watch cache's copy of the object, which may trail the datastore: a write chained on the
/// previous one's answer must never be refused because of that lag.
/// </summary>
public sealed class CachedUpdateTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Several clients each chaining updates on their own config map, so the watch cache trails the datastore.</summary>
    private Task ChainsAsync(string ns, Func<string, int, Task> step) =>
        Task.WhenAll(Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            var name = $"chain-{client}";
            await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = name },
                Data = new Dictionary<string, string> { ["n"] = "0" },
            }, ns, cancellationToken: Ct);
            for (var i = 0; i < 60; i++)
            {
                await step(name, i);
            }
            var final = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: Ct);
            Assert.Equal("60", final.Data["n"]);
        }, Ct)));

    [Fact]
    public async Task PutsWithTheLastAnsweredResourceVersion_NeverConflict()
    {
        await TestObjects.NamespaceAsync(fixture.Client, "cached-put");
        var versions = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();

        await ChainsAsync("cached-put", async (name, i) =>
        {
            var current = i == 0
                ? await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync(name, "cached-put", cancellationToken: Ct)
                : new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, ResourceVersion = versions[name] } };
            current.Data = new Dictionary<string, string> { ["n"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };

            var replaced = await fixture.Client.CoreV1.ReplaceNamespacedConfigMapAsync(current, name, "cached-put", cancellationToken: Ct);

            versions[name] = replaced.Metadata.ResourceVersion;
        });
    }

    [Fact]
    public async Task JsonPatchesTestingTheLastWrittenValue_NeverFail()
    {
        await TestObjects.NamespaceAsync(fixture.Client, "cached-patch");

        await ChainsAsync("cached-patch", (name, i) =>
        {
            var patch = $$$"""[{"op":"test","path":"/data/n","value":"{{{i}}}"},{"op":"replace","path":"/data/n","value":"{{{i + 1}}}"}]""";
            return fixture.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), name, "cached-patch", cancellationToken: Ct);
        });
    }
}
