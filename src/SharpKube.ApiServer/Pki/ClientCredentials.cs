using System.Security.Cryptography.X509Certificates;

namespace SharpKube.ApiServer.Pki;

/// <summary>A client certificate issued by the cluster CA and its private key, as PEM (the form kubeconfigs embed).</summary>
public sealed class ClientCredentials
{
    /// <summary>Creates credentials from PEM text.</summary>
    /// <param name="subject">The identity the certificate carries.</param>
    /// <param name="certificatePem">The certificate, PEM.</param>
    /// <param name="privateKeyPem">The private key, PEM.</param>
    /// <param name="notAfter">When the certificate expires.</param>
    public ClientCredentials(CertificateSubject subject, string certificatePem, string privateKeyPem, DateTimeOffset notAfter)
    {
        Subject = subject;
        CertificatePem = certificatePem;
        PrivateKeyPem = privateKeyPem;
        NotAfter = notAfter;
    }

    /// <summary>The identity: CN is the user name, each O a group.</summary>
    public CertificateSubject Subject { get; }

    /// <summary>The certificate, PEM (<c>CERTIFICATE</c>).</summary>
    public string CertificatePem { get; }

    /// <summary>The private key, PEM (<c>EC PRIVATE KEY</c>). A secret: never log it.</summary>
    public string PrivateKeyPem { get; }

    /// <summary>When the certificate expires.</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>A new certificate object with the private key attached, for an <c>HttpClient</c> handler.</summary>
    public X509Certificate2 CreateCertificate() => X509Certificate2.CreateFromPem(CertificatePem, PrivateKeyPem);

    /// <summary>The subject only; the key never appears in logs.</summary>
    public override string ToString() => Subject.ToString();
}
