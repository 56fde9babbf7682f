using System.Text.Json;
using k8s;
using k8s.Models;
using SharpKube.ApiServer.Authentication;
using SharpKube.ApiServer.Pki;
using SharpKube.ApiServer.Tests.Pki;

namespace SharpKube.ApiServer.Tests.Authentication;

/// <summary>The official clients, configured only by a kubeconfig we wrote, against a server with our TLS settings.</summary>
public sealed class KubernetesClientAuthenticationTests : IAsyncLifetime
{
    private readonly TempDirectory _dataDir = new();
    private readonly StaticTokenAuthenticator _tokens = new();
    private ClusterPki _pki = null!;
    private WhoAmIServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _pki = ClusterPki.LoadOrCreate(_dataDir.Combine("pki"), new PkiOptions(), TimeProvider.System);
        _tokens.Add("token-for-bob", "bob", "uid-bob", ["qa", "ops"]);
        _server = await WhoAmIServer.StartAsync(_pki, new RequestAuthenticator(_tokens));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _dataDir.Dispose();
    }

    [Fact]
    public async Task KubernetesClient_with_the_admin_kubeconfig_verifies_the_server_and_is_system_admin()
    {
        var path = _dataDir.Combine("admin.kubeconfig");
        KubeconfigFile.ForClientCertificate(_server.Address, _pki.CaCertificatePem, _pki.Admin).WriteTo(path);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        Assert.False(config.SkipTlsVerify);
        using var client = new Kubernetes(config);

        var review = await client.AuthenticationV1.CreateSelfSubjectReviewAsync(
            new V1SelfSubjectReview(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("system:admin", review.Status.UserInfo.Username);
        Assert.Equal(["system:masters", "system:authenticated"], review.Status.UserInfo.Groups);
    }

    [Fact]
    public async Task KubernetesClient_with_a_token_kubeconfig_is_the_token_user()
    {
        var path = _dataDir.Combine("bob.kubeconfig");
        KubeconfigFile.ForToken(_server.Address, _pki.CaCertificatePem, "token-for-bob").WriteTo(path);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));

        var review = await client.AuthenticationV1.CreateSelfSubjectReviewAsync(
            new V1SelfSubjectReview(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("bob", review.Status.UserInfo.Username);
        Assert.Equal("uid-bob", review.Status.UserInfo.Uid);
        Assert.Equal(["qa", "ops", "system:authenticated"], review.Status.UserInfo.Groups);
    }

    [Fact]
    public async Task KubernetesClient_refuses_a_server_whose_certificate_is_not_from_the_kubeconfig_ca()
    {
        using var otherDataDir = new TempDirectory();
        var otherPki = ClusterPki.LoadOrCreate(otherDataDir.Combine("pki"), new PkiOptions(), TimeProvider.System);
        var path = _dataDir.Combine("wrong-ca.kubeconfig");
        KubeconfigFile.ForToken(_server.Address, otherPki.CaCertificatePem, "token-for-bob").WriteTo(path);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.AuthenticationV1.CreateSelfSubjectReviewAsync(
            new V1SelfSubjectReview(), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Kubectl_auth_whoami_with_the_admin_kubeconfig_is_system_admin()
    {
        Assert.SkipWhen(Kubectl.Path is null, "kubectl.1.32 is not installed");
        var path = _dataDir.Combine("admin.kubeconfig");
        KubeconfigFile.ForClientCertificate(_server.Address, _pki.CaCertificatePem, _pki.Admin).WriteTo(path);

        var (exitCode, output, error) = await Kubectl.RunAsync("--kubeconfig", path, "auth", "whoami", "-o", "json");

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        var userInfo = json.RootElement.GetProperty("status").GetProperty("userInfo");
        Assert.Equal("system:admin", userInfo.GetProperty("username").GetString());
        Assert.Equal(["system:masters", "system:authenticated"], userInfo.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task Kubectl_with_a_node_certificate_kubeconfig_is_the_node()
    {
        Assert.SkipWhen(Kubectl.Path is null, "kubectl.1.32 is not installed");
        var path = _dataDir.Combine("node.kubeconfig");
        var node = _pki.IssueClientCertificate("system:node:worker-7", [SystemGroups.Nodes]);
        KubeconfigFile.ForClientCertificate(_server.Address, _pki.CaCertificatePem, node).WriteTo(path);

        var (exitCode, output, error) = await Kubectl.RunAsync("--kubeconfig", path, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username}");

        Assert.True(exitCode == 0, error);
        Assert.Equal("system:node:worker-7", output);
    }

    [Fact]
    public async Task Kubectl_with_a_token_is_the_token_user_and_without_credentials_is_told_unauthorized()
    {
        Assert.SkipWhen(Kubectl.Path is null, "kubectl.1.32 is not installed");
        var path = _dataDir.Combine("bob.kubeconfig");
        KubeconfigFile.ForToken(_server.Address, _pki.CaCertificatePem, "token-for-bob").WriteTo(path);

        var (exitCode, output, error) = await Kubectl.RunAsync("--kubeconfig", path, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username}");
        var anonymous = await Kubectl.RunAsync("--kubeconfig", path, "--token", "wrong", "auth", "whoami");

        Assert.True(exitCode == 0, error);
        Assert.Equal("bob", output);
        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.Contains("Unauthorized", anonymous.Error, StringComparison.Ordinal);
    }
}
