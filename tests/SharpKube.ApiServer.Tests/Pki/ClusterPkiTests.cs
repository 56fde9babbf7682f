using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using SharpKube.ApiServer.Pki;

namespace SharpKube.ApiServer.Tests.Pki;

public sealed class ClusterPkiTests : IDisposable
{
    private static readonly string[] s_pairs =
        ["ca", "apiserver", "client-admin", "client-controller-manager", "client-scheduler", "client-kube-proxy", "client-apiserver-kubelet"];

    private readonly TempDirectory _dataDir = new();

    public void Dispose() => _dataDir.Dispose();

    private string PkiPath => _dataDir.Combine("pki");

    [Fact]
    public void First_start_writes_the_ca_the_serving_pair_and_every_component_client_pair()
    {
        ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        foreach (var pair in s_pairs)
        {
            Assert.True(File.Exists(Path.Combine(PkiPath, pair + ".crt")), pair + ".crt");
            Assert.True(File.Exists(Path.Combine(PkiPath, pair + ".key")), pair + ".key");
        }
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Private_keys_are_owner_only_certificates_world_readable_and_the_directory_private()
    {
        ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        foreach (var pair in s_pairs)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, CertificateAssertions.Mode(Path.Combine(PkiPath, pair + ".key")));
            Assert.True(CertificateAssertions.Mode(Path.Combine(PkiPath, pair + ".crt")).HasFlag(UnixFileMode.OtherRead));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, CertificateAssertions.Mode(PkiPath));
        Assert.Empty(Directory.GetFiles(PkiPath, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(PkiPath, ".*"));
    }

    [Fact]
    public void The_ca_is_a_self_signed_ten_year_ca_named_after_its_creation_time()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var pki = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        var ca = pki.CaCertificate;
        Assert.Equal(ca.Subject, ca.Issuer);
        Assert.StartsWith("CN=sharpkube-ca@", ca.Subject, StringComparison.Ordinal);
        Assert.InRange(long.Parse(ca.Subject["CN=sharpkube-ca@".Length..], System.Globalization.CultureInfo.InvariantCulture), before, before + 60);
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.InRange((ca.NotAfter - DateTime.Now).TotalDays, 3640, 3651);
        Assert.Equal(File.ReadAllText(Path.Combine(PkiPath, "ca.crt")), pki.CaCertificatePem);
        using var caKey = ca.GetECDsaPublicKey();
        Assert.Equal(256, caKey?.KeySize);
    }

    [Fact]
    public void The_serving_certificate_covers_the_kubernetes_service_names_the_host_and_its_addresses()
    {
        var options = new PkiOptions
        {
            ClusterDomain = "example.internal",
            ServiceClusterIp = IPAddress.Parse("10.96.0.1"),
            ExtraSans = ["api.example.com", "192.0.2.10", "2001:db8::10"],
        };
        var pki = ClusterPki.LoadOrCreate(PkiPath, options, TimeProvider.System);

        var dnsNames = CertificateAssertions.DnsNames(pki.ServingCertificate);
        string[] expectedNames =
        [
            "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
            "kubernetes.default.svc.example.internal", Dns.GetHostName().ToLowerInvariant(), "api.example.com",
        ];
        Assert.All(expectedNames, name => Assert.Contains(name, dnsNames));

        var addresses = CertificateAssertions.IpAddresses(pki.ServingCertificate);
        IPAddress[] expectedAddresses =
        [
            IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("10.96.0.1"),
            IPAddress.Parse("192.0.2.10"), IPAddress.Parse("2001:db8::10"), .. MachineIPv4Addresses(),
        ];
        Assert.All(expectedAddresses, address => Assert.Contains(address, addresses));
        Assert.DoesNotContain(IPAddress.Parse("10.43.0.1"), addresses);
    }

    [Fact]
    public void The_serving_certificate_has_its_private_key_and_is_a_one_year_server_certificate_from_the_ca()
    {
        var pki = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        var serving = pki.ServingCertificate;
        Assert.True(serving.HasPrivateKey);
        Assert.Equal([CertificateAssertions.ServerAuth], CertificateAssertions.ExtendedKeyUsages(serving));
        Assert.True(CertificateAssertions.ChainsTo(serving, pki.CaCertificate, CertificateAssertions.ServerAuth));
        Assert.InRange((serving.NotAfter - DateTime.Now).TotalDays, 364, 366);
        Assert.Contains(IPAddress.Parse("10.43.0.1"), CertificateAssertions.IpAddresses(serving));
    }

    [Fact]
    public void Component_client_certificates_carry_the_upstream_user_names_and_groups()
    {
        var pki = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        AssertClient(pki, pki.Admin, "system:admin", ["system:masters"]);
        AssertClient(pki, pki.ControllerManager, "system:kube-controller-manager", []);
        AssertClient(pki, pki.Scheduler, "system:kube-scheduler", []);
        AssertClient(pki, pki.KubeProxy, "system:kube-proxy", []);
        AssertClient(pki, pki.ApiServerKubeletClient, "kube-apiserver-kubelet-client", ["system:masters"]);
    }

    [Fact]
    public void Client_private_keys_are_sec1_ec_pem_and_never_appear_in_ToString()
    {
        var pki = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        Assert.StartsWith("-----BEGIN EC PRIVATE KEY-----", pki.Admin.PrivateKeyPem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", pki.Admin.CertificatePem, StringComparison.Ordinal);
        Assert.Equal("CN=system:admin, O=system:masters", pki.Admin.ToString());
    }

    [Fact]
    public void Issued_node_certificates_are_kept_in_the_pki_directory_and_reused()
    {
        var pki = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        var first = pki.IssueClientCertificate("system:node:worker-1", ["system:nodes"]);
        var again = pki.IssueClientCertificate("system:node:worker-1", ["system:nodes"]);
        var afterRestart = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System)
            .IssueClientCertificate("system:node:worker-1", ["system:nodes"]);

        AssertClient(pki, first, "system:node:worker-1", ["system:nodes"]);
        Assert.Equal(first.CertificatePem, again.CertificatePem);
        Assert.Equal(first.CertificatePem, afterRestart.CertificatePem);
        Assert.Equal(first.CertificatePem, File.ReadAllText(Path.Combine(PkiPath, "issued-system_node_worker-1.crt")));
    }

    [Fact]
    public async Task Concurrent_requests_for_the_same_node_get_the_same_certificate()
    {
        var pki = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        var issued = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => pki.IssueClientCertificate("system:node:worker-2", ["system:nodes"]), TestContext.Current.CancellationToken)));

        Assert.Single(issued.Select(c => c.CertificatePem).Distinct());
    }

    [Fact]
    public void Issuing_the_same_user_with_other_groups_replaces_its_certificate()
    {
        var pki = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        var first = pki.IssueClientCertificate("jane", ["developers"]);
        var second = pki.IssueClientCertificate("jane", ["developers", "admins"]);

        Assert.NotEqual(first.CertificatePem, second.CertificatePem);
        AssertClient(pki, second, "jane", ["developers", "admins"]);
    }

    [Fact]
    public void Users_whose_names_differ_only_in_unusual_characters_get_separate_files()
    {
        var pki = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        var upper = pki.IssueClientCertificate("Jane", []);
        var lower = pki.IssueClientCertificate("jane", []);

        Assert.Equal(upper.CertificatePem, pki.IssueClientCertificate("Jane", []).CertificatePem);
        Assert.Equal(lower.CertificatePem, pki.IssueClientCertificate("jane", []).CertificatePem);
    }

    private static void AssertClient(ClusterPki pki, ClientCredentials credentials, string user, string[] groups)
    {
        using var certificate = credentials.CreateCertificate();
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(user, certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Equal(groups, CertificateAssertions.Organizations(certificate));
        Assert.Equal(user, credentials.Subject.CommonName);
        Assert.Equal(groups, credentials.Subject.Organizations);
        Assert.Equal([CertificateAssertions.ClientAuth], CertificateAssertions.ExtendedKeyUsages(certificate));
        Assert.True(CertificateAssertions.ChainsTo(certificate, pki.CaCertificate, CertificateAssertions.ClientAuth));
        Assert.False(CertificateAssertions.ChainsTo(certificate, pki.CaCertificate, CertificateAssertions.ServerAuth));
    }

    private static IEnumerable<IPAddress> MachineIPv4Addresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
