using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SharpKube.ApiServer.Pki;

/// <summary>
/// Accepts a TLS client certificate only if it chains to the cluster CA (the machine's trust store plays no part),
/// is valid now and allows client authentication. No revocation checks, as upstream.
/// </summary>
public sealed class ClientCertificateVerifier
{
    private readonly X509Certificate2 _caCertificate;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier that trusts exactly <paramref name="caCertificate"/>.</summary>
    public ClientCertificateVerifier(X509Certificate2 caCertificate, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(caCertificate);
        ArgumentNullException.ThrowIfNull(time);
        _caCertificate = caCertificate;
        _time = time;
    }

    /// <summary>True when <paramref name="certificate"/> is a client certificate issued by the cluster CA.</summary>
    /// <param name="certificate">The certificate the client presented.</param>
    /// <param name="presentedChain">The chain the TLS layer built, whose intermediates may help; may be null.</param>
    public bool IsTrusted(X509Certificate2 certificate, X509Chain? presentedChain = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var intermediates = presentedChain is null
            ? []
            : presentedChain.ChainElements.Select(e => e.Certificate).Where(c => !c.Equals(certificate));
        return CertificateAuthority.ChainsTo(
            _caCertificate, certificate, CertificateAuthority.ClientAuthOid, _time.GetUtcNow(), intermediates);
    }

    /// <summary>
    /// A Kestrel/SslStream client-certificate validation callback: the platform's verdict
    /// (<paramref name="errors"/>, judged against the machine trust store) is ignored in favour of the cluster CA's.
    /// </summary>
    public bool Validate(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors) =>
        IsTrusted(certificate, chain);
}
