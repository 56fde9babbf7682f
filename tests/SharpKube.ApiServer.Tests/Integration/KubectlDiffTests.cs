using System.Text.RegularExpressions;
using static SharpKube.ApiServer.Tests.Integration.KubectlLiveObject;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// <c>kubectl diff -f</c>: kubectl asks the server for the merged object with server-side dry-run patches (and a dry-run
/// create for a new object), then runs <c>diff -u</c> on live and merged. Exit code 1 with the changed lines when the
/// file differs, 0 and no output when it does not; nothing is ever stored.
/// </summary>
public sealed class KubectlDiffTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Applied = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: app
                image: nginx:1.25
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          color: blue
          size: large
        """;

    private readonly KubectlManifests _manifests = new(fixture.DataDir);
    private readonly string _scratch = Directory.CreateDirectory(Path.Combine(fixture.DataDir, "diff", Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task Diff_AFileThatDiffers_ExitsOne_AndShowsTheChangedLines_WithoutChangingAnything()
    {
        var ns = await SeedAsync("diff-differs");
        var before = await ReadAllAsync(ns);
        var changed = Applied.Replace("nginx:1.25", "nginx:1.26", StringComparison.Ordinal).Replace("color: blue", "color: green", StringComparison.Ordinal);

        var result = await DiffAsync(ns, _manifests.Write("changed.yaml", changed));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Error);
        var headers = result.Output.Split('\n').Where(l => l.StartsWith("diff ", StringComparison.Ordinal)).ToArray();
        var scratch = Regex.Escape(_scratch);
        Assert.Collection(headers,
            h => Assert.Matches($"^diff -u -N {scratch}/LIVE-[0-9]+/apps.v1.Deployment.{ns}.web {scratch}/MERGED-[0-9]+/apps.v1.Deployment.{ns}.web$", h),
            h => Assert.Matches($"^diff -u -N {scratch}/LIVE-[0-9]+/v1.ConfigMap.{ns}.settings {scratch}/MERGED-[0-9]+/v1.ConfigMap.{ns}.settings$", h));
        // A spec change bumps generation in the dry-run answer too, as upstream's update strategy does.
        Assert.Equal(
            ["-  generation: 1", "+  generation: 2", "-      - image: nginx:1.25", "+      - image: nginx:1.26", "-  color: blue", "+  color: green"],
            ChangedLines(result.Output));
        var after = await ReadAllAsync(ns);
        AssertSame(before[0], after[0]);
        AssertSame(before[1], after[1]);
    }

    [Fact]
    public async Task Diff_AFileThatMatches_ExitsZero_WithNoOutput()
    {
        var ns = await SeedAsync("diff-matches");

        var result = await DiffAsync(ns, _manifests.Write("same.yaml", Applied));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Diff_ARemovedDataKey_ShowsItRemoved()
    {
        var ns = await SeedAsync("diff-removed-key");

        var result = await DiffAsync(ns, _manifests.Write("removed.yaml", Applied.Replace("  size: large", "", StringComparison.Ordinal)));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["-  size: large"], ChangedLines(result.Output));
    }

    [Fact]
    public async Task Diff_OfAnObjectThatDoesNotExist_ShowsItWhole_AndCreatesNothing()
    {
        var ns = await SeedAsync("diff-new");
        var manifest = _manifests.Write("new.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\ndata:\n  k: v\n");

        var result = await DiffAsync(ns, manifest);

        Assert.Equal(1, result.ExitCode);
        var added = ChangedLines(result.Output);
        Assert.All(added, line => Assert.StartsWith("+", line, StringComparison.Ordinal));
        Assert.Contains("+kind: ConfigMap", added);
        Assert.Contains("+  k: v", added);
        Assert.Contains("+  name: fresh", added);
        Assert.Contains($"+  namespace: {ns}", added);
        var listed = await fixture.Kubectl.RunAsync("get", "cm", "fresh", "-n", ns, "--ignore-not-found", "-o", "name");
        Assert.Equal("", listed.EnsureSuccess().Output);
    }

    private Task<KubectlResult> DiffAsync(string ns, string path) =>
        fixture.Kubectl.RunWithEnvironmentAsync(new Dictionary<string, string> { ["TMPDIR"] = _scratch }, "diff", "-f", path, "-n", ns);

    /// <summary>The removed and added lines of a unified diff, without the <c>---</c>/<c>+++</c> file headers.</summary>
    private static string[] ChangedLines(string diff) =>
    [
        .. diff.Split('\n').Where(l => (l.StartsWith('-') && !l.StartsWith("--- ", StringComparison.Ordinal))
            || (l.StartsWith('+') && !l.StartsWith("+++ ", StringComparison.Ordinal))),
    ];

    private async Task<System.Text.Json.Nodes.JsonObject[]> ReadAllAsync(string ns) =>
        [await GetAsync(fixture.Kubectl, ns, "deploy/web"), await GetAsync(fixture.Kubectl, ns, "cm/settings")];

    private async Task<string> SeedAsync(string ns)
    {
        await KubectlTestNamespace.CreateAsync(fixture, ns);
        (await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write(ns + ".yaml", Applied), "-n", ns)).EnsureSuccess();
        return ns;
    }
}
