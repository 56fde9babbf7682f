using SharpKube.Cli.Hosting;

namespace SharpKube.Cli.Tests.Commands;

/// <summary>The long-running components re-execute themselves once with their GC settings.</summary>
public sealed class ComponentGcSettingsTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("sharpkube-gen0-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private static string? Environ(int pid, string name) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0').FirstOrDefault(e => e.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];

    [Theory]
    [InlineData("server", true)]
    [InlineData("apiserver", true)]
    [InlineData("controller-manager", true)]
    [InlineData("scheduler", true)]
    [InlineData("hollow-nodes", true)]
    [InlineData("kubelet", true)]
    [InlineData("agent", true)]
    [InlineData("proxy", true)]
    [InlineData("dns", true)]
    [InlineData("bench", true)]
    [InlineData("version", false)]
    [InlineData("--help", false)]
    public void IsWanted_ForTheLongRunningCommandsOnly(string command, bool wanted)
    {
        Assert.Equal(wanted, ComponentGcSettings.IsWanted([command], _ => null));
    }

    [Fact]
    public void VariablesFor_TheSchedulerConservesMemory()
    {
        Assert.Equal("9", ComponentGcSettings.VariablesFor("scheduler")["DOTNET_GCConserveMemory"]);
        Assert.Equal("0x1000000", ComponentGcSettings.VariablesFor("scheduler")["DOTNET_GCgen0size"]);
        Assert.Equal(["DOTNET_GCgen0size"], ComponentGcSettings.VariablesFor("apiserver").Keys);
    }

    [Theory]
    [InlineData("kubelet")]
    [InlineData("agent")]
    [InlineData("proxy")]
    [InlineData("dns")]
    public void VariablesFor_TheNodeAgents_AreSmallestAndPrecompiledOnly(string command)
    {
        var variables = ComponentGcSettings.VariablesFor(command);

        Assert.Equal("0x400000", variables["DOTNET_GCgen0size"]);
        Assert.Equal("9", variables["DOTNET_GCConserveMemory"]);
        Assert.Equal("0", variables["DOTNET_TieredCompilation"]);
        Assert.Equal("0x400000", ComponentGcSettings.BudgetFor(command));
    }

    [Fact]
    public void BudgetFor_TheSchedulerIsSmaller()
    {
        Assert.Equal("0x1000000", ComponentGcSettings.BudgetFor("scheduler"));
        Assert.Equal("0x4000000", ComponentGcSettings.BudgetFor("apiserver"));
        Assert.Equal("0x4000000", ComponentGcSettings.BudgetFor("server"));
    }

    [Theory]
    [InlineData("DOTNET_GCgen0size")]
    [InlineData("COMPlus_GCgen0size")]
    public void IsWanted_NotWhenTheUserSetABudget(string variable)
    {
        Assert.False(ComponentGcSettings.IsWanted(["server"], name => name == variable ? "0x1000000" : null));
        Assert.False(ComponentGcSettings.IsWanted([], _ => null));
    }

    [Fact]
    public async Task Server_RunsWithTheBudget_InTheSameProcessWithItsArguments()
    {
        using var server = await ServerProcess.StartAsync(_dataDir, new Dictionary<string, string?> { [ComponentGcSettings.Variable] = null });

        Assert.Equal(ComponentGcSettings.Budget, Environ(server.Id, ComponentGcSettings.Variable));
        var argv = File.ReadAllText($"/proc/{server.Id}/cmdline").TrimEnd('\0').Split('\0');
        Assert.Equal(["server", "--data-dir", _dataDir], argv[2..5]);
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
        Assert.Equal("ok", await http.GetStringAsync(new Uri(server.Url, "/livez"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Server_AfterReexecuting_AcceptsDiagnosticsConnections()
    {
        using var server = await ServerProcess.StartAsync(_dataDir, new Dictionary<string, string?> { [ComponentGcSettings.Variable] = null });

        // The runtime's diagnostics server (dotnet-trace, dotnet-counters) listens on one socket named by pid.
        var socket = Assert.Single(Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{server.Id}-*-socket"));
        using var client = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        await client.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(socket), TestContext.Current.CancellationToken);
        Assert.True(client.Connected);
    }

    [Fact]
    public void RemoveDiagnosticsSocket_DeletesOnlyThatProcesssSockets()
    {
        File.WriteAllText(Path.Combine(_dataDir, "dotnet-diagnostic-42-1234-socket"), "");
        File.WriteAllText(Path.Combine(_dataDir, "dotnet-diagnostic-420-1234-socket"), "");

        ComponentGcSettings.RemoveDiagnosticsSocket(_dataDir, 42);

        Assert.Equal(["dotnet-diagnostic-420-1234-socket"], Directory.GetFiles(_dataDir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Server_KeepsABudgetTheUserSet()
    {
        using var server = await ServerProcess.StartAsync(_dataDir, new Dictionary<string, string?> { [ComponentGcSettings.Variable] = "0x2000000" });

        Assert.Equal("0x2000000", Environ(server.Id, ComponentGcSettings.Variable));
    }
}
