using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SharpKube.Kubelet.Tests.Server;

/// <summary>Throwaway certificates for the kubelet server's tests: a CA, and serving and client certificates it issues.</summary>
public static class TestCertificates
{
    public static X509Certificate2 CreateAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    public static X509Certificate2 IssueServing(X509Certificate2 authority) =>
        Issue(authority, "kubelet-serving", "1.3.6.1.5.5.7.3.1", san =>
        {
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
        });

    public static X509Certificate2 IssueClient(X509Certificate2 authority, string commonName) =>
        Issue(authority, commonName, "1.3.6.1.5.5.7.3.2", null);

    private static X509Certificate2 Issue(X509Certificate2 authority, string commonName, string usage, Action<SubjectAlternativeNameBuilder>? names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (names is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            names(san);
            request.CertificateExtensions.Add(san.Build());
        }
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var issued = request.Create(authority, now.AddMinutes(-5), now.AddHours(12), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
