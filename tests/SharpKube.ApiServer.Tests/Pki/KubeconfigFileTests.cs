using System.Runtime.Versioning;
using System.Text;
using k8s;
using SharpKube.ApiServer.Pki;
using SharpKube.ApiServer.Tests.Authentication;

namespace SharpKube.ApiServer.Tests.Pki;

public sealed class KubeconfigFileTests : IDisposable
{
    private static readonly Uri s_server = new("https://127.0.0.1:6443");

    private readonly TempDirectory _dataDir = new();
    private readonly ClusterPki _pki;

    public KubeconfigFileTests()
    {
        _pki = ClusterPki.LoadOrCreate(_dataDir.Combine("pki"), new PkiOptions(), TimeProvider.System);
    }

    public void Dispose() => _dataDir.Dispose();

    [Fact]
    [SupportedOSPlatform("linux")]
    public void The_file_is_written_owner_only_even_over_a_world_readable_one()
    {
        var path = _dataDir.Combine("admin.kubeconfig");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        KubeconfigFile.ForClientCertificate(s_server, _pki.CaCertificatePem, _pki.Admin).WriteTo(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, CertificateAssertions.Mode(path));
        Assert.StartsWith("apiVersion: v1", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_dataDir.Path));
    }

    [Fact]
    public void KubernetesClient_reads_the_server_the_ca_and_the_client_certificate()
    {
        var path = _dataDir.Combine("admin.kubeconfig");
        KubeconfigFile.ForClientCertificate(s_server, _pki.CaCertificatePem, _pki.Admin).WriteTo(path);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.Equal("https://127.0.0.1:6443", config.Host.TrimEnd('/'));
        Assert.Equal("default", config.CurrentContext);
        Assert.Equal(_pki.CaCertificate.Thumbprint, Assert.Single(config.SslCaCerts).Thumbprint);
        Assert.Equal(_pki.Admin.CertificatePem, Encoding.UTF8.GetString(Convert.FromBase64String(config.ClientCertificateData)));
        Assert.False(config.SkipTlsVerify);
    }

    [Fact]
    public void KubernetesClient_reads_a_token_kubeconfig()
    {
        var path = _dataDir.Combine("token.kubeconfig");
        KubeconfigFile.ForToken(s_server, _pki.CaCertificatePem, "abc.def\"quoted\"").WriteTo(path);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.Equal("abc.def\"quoted\"", config.AccessToken);
    }

    [Fact]
    public void ToString_names_server_and_user_but_no_secret()
    {
        var file = KubeconfigFile.ForClientCertificate(s_server, _pki.CaCertificatePem, _pki.Admin);

        Assert.Equal("kubeconfig for https://127.0.0.1:6443/ as CN=system:admin, O=system:masters", file.ToString());
        Assert.Contains("client-key-data: ", file.ToYaml(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_http_server_url_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            KubeconfigFile.ForClientCertificate(new Uri("http://127.0.0.1:8080"), _pki.CaCertificatePem, _pki.Admin));
    }

    [Fact]
    public async Task Kubectl_reads_the_file_with_its_embedded_credentials()
    {
        Assert.SkipWhen(Kubectl.Path is null, "kubectl.1.32 is not installed");
        var path = _dataDir.Combine("admin.kubeconfig");
        KubeconfigFile.ForClientCertificate(new Uri("https://[::1]:6443"), _pki.CaCertificatePem, _pki.Admin).WriteTo(path);

        var (exitCode, output, error) = await Kubectl.RunAsync("--kubeconfig", path, "config", "view", "--raw", "-o", "jsonpath={.clusters[0].cluster.server} {.contexts[0].context.user} {.users[0].user.client-key-data}");

        Assert.True(exitCode == 0, error);
        Assert.Equal($"https://[::1]:6443 default {Convert.ToBase64String(Encoding.UTF8.GetBytes(_pki.Admin.PrivateKeyPem))}", output);
    }
}
