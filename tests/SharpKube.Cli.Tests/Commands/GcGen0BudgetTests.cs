using SharpKube.Cli.Hosting;

namespace SharpKube.Cli.Tests.Commands;

/// <summary>The long-running components re-execute themselves once with a 64 MiB generation-0 budget.</summary>
public sealed class GcGen0BudgetTests : IDisposable
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
    [InlineData("bench", true)]
    [InlineData("version", false)]
    [InlineData("--help", false)]
    public void IsWanted_ForTheLongRunningCommandsOnly(string command, bool wanted)
    {
        Assert.Equal(wanted, GcGen0Budget.IsWanted([command], _ => null));
    }

    [Theory]
    [InlineData("DOTNET_GCgen0size")]
    [InlineData("COMPlus_GCgen0size")]
    public void IsWanted_NotWhenTheUserSetABudget(string variable)
    {
        Assert.False(GcGen0Budget.IsWanted(["server"], name => name == variable ? "0x1000000" : null));
        Assert.False(GcGen0Budget.IsWanted([], _ => null));
    }

    [Fact]
    public async Task Server_RunsWithTheBudget_InTheSameProcessWithItsArguments()
    {
        using var server = await ServerProcess.StartAsync(_dataDir, new Dictionary<string, string?> { [GcGen0Budget.Variable] = null });

        Assert.Equal(GcGen0Budget.Budget, Environ(server.Id, GcGen0Budget.Variable));
        var argv = File.ReadAllText($"/proc/{server.Id}/cmdline").TrimEnd('\0').Split('\0');
        Assert.Equal(["server", "--data-dir", _dataDir], argv[2..5]);
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
        Assert.Equal("ok", await http.GetStringAsync(new Uri(server.Url, "/livez"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Server_KeepsABudgetTheUserSet()
    {
        using var server = await ServerProcess.StartAsync(_dataDir, new Dictionary<string, string?> { [GcGen0Budget.Variable] = "0x2000000" });

        Assert.Equal("0x2000000", Environ(server.Id, GcGen0Budget.Variable));
    }
}
