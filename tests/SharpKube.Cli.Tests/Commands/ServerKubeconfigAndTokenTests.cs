using System.Net;
using System.Net.Http.Headers;
using k8s;

namespace SharpKube.Cli.Tests.Commands;

public sealed class ServerKubeconfigAndTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Server_WritesTheAdminKubeconfigToo_AndAcceptsItsStaticToken()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-server-kubeconfig-").FullName;
        try
        {
            var extra = Path.Combine(dataDir, "elsewhere", "admin.yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(extra)!);
            using var server = await ServerProcess.StartAsync(dataDir, "--write-kubeconfig", extra, "--token", "cli-test-token");

            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(dataDir, "admin.kubeconfig"), Ct), await File.ReadAllTextAsync(extra, Ct));
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(extra));
            var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: Ct);
            Assert.Contains(namespaces.Items, n => n.Metadata.Name == "kube-system");

            // The static token authenticates over TLS verified against the cluster CA; a wrong one gets 401.
            using var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(
                Path.Combine(dataDir, "pki", "ca.crt"));
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
                {
                    chain!.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                    return chain.Build(certificate!);
                },
            };
            using var http = new HttpClient(handler) { BaseAddress = server.Url };
            using var good = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces");
            good.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "cli-test-token");
            using var bad = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces");
            bad.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-token");

            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(good, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(bad, Ct)).StatusCode);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
