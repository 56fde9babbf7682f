using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SharpKube.ApiServer.Pki;

/// <summary>The cluster CA: creates itself, signs serving and client certificates, and tells which certificates it issued.</summary>
internal sealed class CertificateAuthority
{
    /// <summary>How long the CA is valid (ten years, as kubeadm and k3s do).</summary>
    public static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);

    // Certificates start a little in the past so that a node whose clock lags slightly accepts them.
    private static readonly TimeSpan s_backdate = TimeSpan.FromHours(1);

    /// <summary>The OID of the serverAuth extended key usage.</summary>
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>The OID of the clientAuth extended key usage.</summary>
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly TimeProvider _time;

    /// <summary>Uses an existing CA certificate and key.</summary>
    public CertificateAuthority(CertificateKeyPair pair, TimeProvider time)
    {
        Pair = pair;
        _time = time;
    }

    /// <summary>The CA certificate and key.</summary>
    public CertificateKeyPair Pair { get; }

    /// <summary>Creates a self-signed CA named <c>sharpkube-ca@&lt;unix seconds&gt;</c>.</summary>
    public static CertificateKeyPair CreateSelfSigned(TimeProvider time)
    {
        var now = time.GetUtcNow();
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedName($"CN=sharpkube-ca@{now.ToUnixTimeSeconds()}");
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var signed = request.CreateSelfSigned(now - s_backdate, now + CaValidity);
        return CertificateKeyPair.FromNew(X509CertificateLoader.LoadCertificate(signed.RawData), key);
    }

    /// <summary>Issues a serving certificate (serverAuth) for the given names.</summary>
    public CertificateKeyPair IssueServing(string commonName, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, TimeSpan validity)
    {
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dnsName in dnsNames)
        {
            names.AddDnsName(dnsName);
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        return Issue(new CertificateSubject(commonName, []), ServerAuthOid, names.Build(critical: false), validity);
    }

    /// <summary>Issues a client certificate (clientAuth) for a Kubernetes user and its groups.</summary>
    public CertificateKeyPair IssueClient(CertificateSubject subject, TimeSpan validity) =>
        Issue(subject, ClientAuthOid, alternativeNames: null, validity);

    /// <summary>True when <paramref name="certificate"/> chains to this CA, is valid now and allows <paramref name="usageOid"/>.</summary>
    public bool HasIssued(X509Certificate2 certificate, string usageOid) =>
        ChainsTo(Pair.Certificate, certificate, usageOid, _time.GetUtcNow(), []);

    /// <summary>
    /// True when <paramref name="certificate"/> chains to <paramref name="caCertificate"/> and to nothing else (the
    /// machine's trust store plays no part), is valid at <paramref name="at"/> and allows <paramref name="usageOid"/>.
    /// No revocation checks and no downloads, as upstream.
    /// </summary>
    public static bool ChainsTo(
        X509Certificate2 caCertificate,
        X509Certificate2 certificate,
        string usageOid,
        DateTimeOffset at,
        IEnumerable<X509Certificate2> intermediates)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(caCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usageOid));
        foreach (var intermediate in intermediates)
        {
            chain.ChainPolicy.ExtraStore.Add(intermediate);
        }

        return chain.Build(certificate);
    }

    private CertificateKeyPair Issue(CertificateSubject subject, string usageOid, X509Extension? alternativeNames, TimeSpan validity)
    {
        var now = _time.GetUtcNow();
        var caCertificate = Pair.Certificate;
        var notAfter = now + validity;
        if (notAfter > caCertificate.NotAfter)
        {
            // A leaf cannot outlive its issuer; it is re-issued near expiry like any other.
            notAfter = caCertificate.NotAfter;
        }

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject.ToDistinguishedName(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caCertificate, true, false));
        if (alternativeNames is not null)
        {
            request.CertificateExtensions.Add(alternativeNames);
        }

        using var signed = request.Create(
            caCertificate.SubjectName,
            X509SignatureGenerator.CreateForECDsa(Pair.Key),
            now - s_backdate,
            notAfter,
            NewSerialNumber());
        return CertificateKeyPair.FromNew(X509CertificateLoader.LoadCertificate(signed.RawData), key);
    }

    private static byte[] NewSerialNumber()
    {
        // 128 random bits; the top bit is cleared (a negative serial is rejected by Go) and the next one set,
        // so the DER integer has no leading zero byte.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }
}
