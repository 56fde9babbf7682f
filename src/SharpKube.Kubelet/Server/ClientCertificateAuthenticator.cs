using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SharpKube.Kubelet.Server;

/// <summary>
/// Accepts a TLS client certificate only if it chains to the configured client CA (the machine's trust store plays
/// no part), is valid now and may be used for client authentication. No revocation checks, as upstream.
/// </summary>
internal sealed class ClientCertificateAuthenticator
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2 _authority;
    private readonly TimeProvider _time;

    /// <summary>Creates an authenticator that trusts exactly <paramref name="authority"/>.</summary>
    public ClientCertificateAuthenticator(X509Certificate2 authority, TimeProvider time)
    {
        _authority = authority;
        _time = time;
    }

    /// <summary>The user name (subject CN) of a trusted <paramref name="certificate"/>, or null when it is not trusted.</summary>
    public string? Authenticate(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return null;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthOid));
        try
        {
            return chain.Build(certificate) ? certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                if (!ReferenceEquals(element.Certificate, certificate))
                {
                    element.Certificate.Dispose();
                }
            }
        }
    }
}
