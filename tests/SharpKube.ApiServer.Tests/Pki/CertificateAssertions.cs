using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SharpKube.ApiServer.Tests.Pki;

/// <summary>Reads what a test checks in a certificate, independently of the code under test.</summary>
public static class CertificateAssertions
{
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate) =>
        [.. certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames()];

    public static IReadOnlyList<IPAddress> IpAddresses(X509Certificate2 certificate) =>
        [.. certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses()];

    public static IReadOnlyList<string> ExtendedKeyUsages(X509Certificate2 certificate) =>
        [.. certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value!)];

    public static IReadOnlyList<string> Organizations(X509Certificate2 certificate) =>
        [.. certificate.SubjectName.EnumerateRelativeDistinguishedNames(reversed: false)
            .Where(n => n.GetSingleElementType().Value == "2.5.4.10")
            .Select(n => n.GetSingleElementValue()!)];

    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca, string usage)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usage));
        return chain.Build(certificate);
    }

    [SupportedOSPlatform("linux")]
    public static UnixFileMode Mode(string path) => File.GetUnixFileMode(path);
}
