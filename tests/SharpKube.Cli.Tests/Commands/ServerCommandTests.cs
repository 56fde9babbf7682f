using System.Diagnostics;
using SharpKube.Storage.Sqlite;

namespace SharpKube.Cli.Tests.Commands;

public sealed class ServerCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Server_OpensTheSqliteDatastore_SaysWhatIsNotImplemented_AndStopsCleanlyOnSigterm()
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
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "sharpkube.dll"), "server", "--data-dir", dataDir })
            {
                start.ArgumentList.Add(arg);
            }

            using var server = Process.Start(start)!;
            var stderr = server.StandardError.ReadToEndAsync(Ct);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            // The log line and the notice come from different writers, in either order.
            var output = new List<string>();
            while (!(output.Any(l => l.Contains("Datastore sqlite open at", StringComparison.Ordinal)) &&
                     output.Any(l => l.Contains("not implemented yet", StringComparison.Ordinal))) &&
                   await server.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                output.Add(line);
            }

            Assert.Contains(output, l => l.Contains("Datastore sqlite open at", StringComparison.Ordinal));
            Assert.Contains(output, l => l.Contains("API server", StringComparison.Ordinal) && l.Contains("not implemented yet", StringComparison.Ordinal));

            using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Ct);
            }

            await server.WaitForExitAsync(deadline.Token);
            Assert.True(server.ExitCode == 0, $"exit code {server.ExitCode}: {await stderr}");
            await using var store = SqliteStore.Open(Path.Combine(dataDir, "db", "state.db"));
            Assert.Equal(0, await store.CurrentRevisionAsync(Ct));
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
