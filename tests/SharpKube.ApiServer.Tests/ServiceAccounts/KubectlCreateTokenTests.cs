using System.Net;
using System.Text;
using SharpKube.ApiServer.Tests.Integration;

namespace SharpKube.ApiServer.Tests.ServiceAccounts;

/// <summary>The real <c>kubectl create token</c> and <c>kubectl auth whoami</c> with the token it prints.</summary>
public sealed class KubectlCreateTokenTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IDisposable
{
    private readonly TokenApi _api = new(fixture.Server, fixture.Client);

    [Fact]
    public async Task CreateToken_PrintsATokenThatAuthenticates()
    {
        await _api.ServiceAccountAsync("kct-basic", "robot");

        var result = (await fixture.Kubectl.RunAsync("create", "token", "robot", "-n", "kct-basic")).EnsureSuccess();

        var token = result.Output.Trim();
        var claims = TokenApi.Part(token, 1);
        Assert.Equal("system:serviceaccount:kct-basic:robot", claims.GetProperty("sub").GetString());
        Assert.Equal(3600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.Equal(HttpStatusCode.OK, await _api.StatusAsync("/api/v1/namespaces/kct-basic/pods", token));
    }

    [Fact]
    public async Task CreateToken_WithAudienceAndDuration_SetsThem()
    {
        await _api.ServiceAccountAsync("kct-options", "robot");

        var result = (await fixture.Kubectl.RunAsync("create", "token", "robot", "-n", "kct-options", "--audience", "vault", "--audience", "nats",
            "--duration", "10m")).EnsureSuccess();

        var claims = TokenApi.Part(result.Output.Trim(), 1);
        Assert.Equal(["vault", "nats"], claims.GetProperty("aud").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task CreateToken_WithATooShortDuration_ReportsTheServersError()
    {
        await _api.ServiceAccountAsync("kct-short", "robot");

        var result = await fixture.Kubectl.RunAsync("create", "token", "robot", "-n", "kct-short", "--duration", "5m");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("may not specify a duration less than 10 minutes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_BoundToAPod_NamesThePod()
    {
        await _api.ServiceAccountAsync("kct-pod", "robot");
        var pod = await _api.PodAsync("kct-pod", "web", "robot");

        var result = (await fixture.Kubectl.RunAsync("create", "token", "robot", "-n", "kct-pod", "--bound-object-kind", "Pod",
            "--bound-object-name", "web")).EnsureSuccess();

        var reference = TokenApi.Part(result.Output.Trim(), 1).GetProperty("kubernetes.io").GetProperty("pod");
        Assert.Equal("web", reference.GetProperty("name").GetString());
        Assert.Equal(pod.Metadata.Uid, reference.GetProperty("uid").GetString());
    }

    [Fact]
    public async Task AuthWhoAmI_WithAServiceAccountToken_ShowsTheServiceAccount()
    {
        await _api.ServiceAccountAsync("kct-whoami", "robot");
        var token = (await fixture.Kubectl.RunAsync("create", "token", "robot", "-n", "kct-whoami")).EnsureSuccess().Output.Trim();
        var kubeconfig = Path.Combine(fixture.DataDir, "kct-whoami.kubeconfig");
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(fixture.Server.Pki.CaCertificatePem));
        await File.WriteAllTextAsync(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {fixture.Server.Url}
                certificate-authority-data: {ca}
            users:
            - name: robot
              user:
                token: {token}
            contexts:
            - name: test
              context:
                cluster: test
                user: robot
            current-context: test
            """, TestContext.Current.CancellationToken);
        var kubectl = new KubectlRunner(kubeconfig, Path.Combine(fixture.DataDir, "kct-whoami-home"));

        var result = (await kubectl.RunAsync("auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}")).EnsureSuccess();

        Assert.StartsWith("system:serviceaccount:kct-whoami:robot ", result.Output, StringComparison.Ordinal);
        Assert.Contains("system:serviceaccounts:kct-whoami", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _api.Dispose();
}
