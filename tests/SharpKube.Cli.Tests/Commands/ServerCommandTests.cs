using System.Diagnostics;
using SharpKube.Storage.Sqlite;

namespace SharpKube.Cli.Tests.Commands;

public sealed class ServerCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Server_ServesTheApi_LogsReady_AndStopsCleanlyOnSigterm()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-server-test-").FullName;
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "sharpkube.dll"), "server", "--data-dir", dataDir, "--https-port", "0", "--bind-address", "127.0.0.1", "--disable", "kubelet" })
            {
                start.ArgumentList.Add(arg);
            }

            using var server = Process.Start(start)!;
            var stderr = server.StandardError.ReadToEndAsync(Ct);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            var output = new List<string>();
            while (!output.Any(l => l.Contains("sharpkube is ready", StringComparison.Ordinal)) &&
                   await server.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                output.Add(line);
            }

            var ready = Assert.Single(output, l => l.Contains("sharpkube is ready", StringComparison.Ordinal));
            Assert.Contains(Path.Combine(dataDir, "admin.kubeconfig"), ready, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(dataDir, "admin.kubeconfig")));
            Assert.True(File.Exists(Path.Combine(dataDir, "pki", "ca.crt")));

            using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Ct);
            }

            await server.WaitForExitAsync(deadline.Token);
            Assert.True(server.ExitCode == 0, $"exit code {server.ExitCode}: {await stderr}");
            await using var store = SqliteStore.Open(Path.Combine(dataDir, "db", "state.db"));
            // The bootstrap namespaces and the kubernetes service were written.
            Assert.True(await store.CurrentRevisionAsync(Ct) > 0);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Server_WithEtcdButNoEndpoints_FailsWithAClearMessage()
    {
        var run = await CliRun.InProcessAsync("server", "--datastore", "etcd");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--etcd-endpoints", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--datastore", "bogus", "Cannot parse argument 'bogus' for option '--datastore'")]
    [InlineData("--service-cidr", "nonsense", "invalid service CIDR \"nonsense\"")]
    [InlineData("--bind-address", "x.y", "--bind-address: \"x.y\" is not an IP address")]
    [InlineData("--https-port", "70000", "Option '--https-port' expects a single argument but 2 were provided")]
    [InlineData("--default-not-ready-toleration-seconds", "soon", "Cannot parse argument 'soon' for option '--default-not-ready-toleration-seconds'")]
    public async Task ApiServer_WithAGarbageFlag_FailsWithAClearMessage(string flag, string value, string message)
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-server-test-").FullName;
        try
        {
            var run = await CliRun.InProcessAsync("apiserver", "--data-dir", dataDir, "--https-port", "0", flag, value);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(message, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task ApiServer_WithAMalformedTokenFile_FailsWithOneClearLine()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-server-test-").FullName;
        try
        {
            var tokens = Path.Combine(dataDir, "tokens.csv");
            await File.WriteAllTextAsync(tokens, "just-one-column\n", Ct);

            var run = await CliRun.InProcessAsync("apiserver", "--data-dir", dataDir, "--https-port", "0", "--token-auth-file", tokens);

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
            Assert.Contains("line 1", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Server_OnACorruptDatastore_FailsWithOneClearLine()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-server-test-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dataDir, "db"));
            await File.WriteAllTextAsync(Path.Combine(dataDir, "db", "state.db"), "this is not a database, it is a shopping list", Ct);

            var run = await CliRun.InProcessAsync("server", "--data-dir", dataDir);

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
            Assert.Contains("not a SQLite database", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
