using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SharpKube.ApiServer.Pki;

/// <summary>A certificate and its ECDSA private key, both as parsed objects and as the PEM text stored on disk.</summary>
internal sealed class CertificateKeyPair
{
    /// <summary>Creates a pair from parsed objects and their PEM text.</summary>
    public CertificateKeyPair(X509Certificate2 certificate, ECDsa key, string certificatePem, string keyPem)
    {
        Certificate = certificate;
        Key = key;
        CertificatePem = certificatePem;
        KeyPem = keyPem;
    }

    /// <summary>The certificate, without its private key attached.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The private key.</summary>
    public ECDsa Key { get; }

    /// <summary>The certificate as PEM (<c>CERTIFICATE</c> block).</summary>
    public string CertificatePem { get; }

    /// <summary>The private key as PEM (SEC1 <c>EC PRIVATE KEY</c> block, which Go's crypto/tls and .NET both read).</summary>
    public string KeyPem { get; }

    /// <summary>Wraps a freshly signed certificate and its key, producing their PEM text.</summary>
    public static CertificateKeyPair FromNew(X509Certificate2 certificate, ECDsa key) =>
        new(certificate, key, certificate.ExportCertificatePem() + "\n", key.ExportECPrivateKeyPem() + "\n");

    /// <summary>True when the private key belongs to the certificate's public key.</summary>
    public static bool KeyMatches(X509Certificate2 certificate, ECDsa key)
    {
        using var publicKey = certificate.GetECDsaPublicKey();
        return publicKey is not null
            && publicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>A new certificate object with the private key attached, as TLS stacks want it.</summary>
    public X509Certificate2 CreateCertificateWithKey() => X509Certificate2.CreateFromPem(CertificatePem, KeyPem);
}
