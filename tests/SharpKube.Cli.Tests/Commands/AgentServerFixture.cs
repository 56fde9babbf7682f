namespace SharpKube.Cli.Tests.Commands;

/// <summary>
/// A <c>sharpkube server</c> process (no kubelet of its own) that agents join: <see cref="Token"/> is its administrator
/// token, <see cref="ViewerToken"/> a token of a user outside <c>system:masters</c>.
/// </summary>
public sealed class AgentServerFixture : IAsyncLifetime
{
    public const string Token = "agent-join-test-token";
    public const string ViewerToken = "agent-join-viewer-token";

    private ServerProcess? _server;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("sharpkube-agent-server-").FullName;

    public Uri Url => _server!.Url;

    public string AdminKubeconfig => Path.Combine(DataDir, "admin.kubeconfig");

    public async ValueTask InitializeAsync()
    {
        var tokenFile = Path.Combine(DataDir, "tokens.csv");
        await File.WriteAllTextAsync(tokenFile, $"{ViewerToken},viewer,uid-viewer,\"viewers\"\n", TestContext.Current.CancellationToken);
        _server = await ServerProcess.StartAsync(DataDir, "--token", Token, "--token-auth-file", tokenFile);
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        Directory.Delete(DataDir, recursive: true);
        return ValueTask.CompletedTask;
    }
}
