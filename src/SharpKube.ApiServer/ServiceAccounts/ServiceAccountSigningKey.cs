using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SharpKube.ApiServer.Pki;

namespace SharpKube.ApiServer.ServiceAccounts;

/// <summary>
/// The RSA key that signs service account tokens (RS256), kept as <c>sa.key</c> (PKCS #8, 0600) with its public half
/// <c>sa.pub</c> (0644) in the PKI directory, kubeadm's names. Created on first start and reused after.
/// </summary>
public sealed class ServiceAccountSigningKey : IDisposable
{
    /// <summary>The file name of the private key in the PKI directory.</summary>
    public const string PrivateKeyFileName = "sa.key";

    /// <summary>The file name of the public key in the PKI directory.</summary>
    public const string PublicKeyFileName = "sa.pub";

    private const int KeySizeBits = 2048;

    private readonly RSA _key;

    private ServiceAccountSigningKey(RSA key)
    {
        _key = key;
        // Upstream's key id: the unpadded base64url SHA-256 of the DER (PKIX) public key, so that every server
        // holding the same key publishes the same id.
        KeyId = Base64Url.EncodeToString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>The key id (<c>kid</c>) put in token headers and the JWKS.</summary>
    public string KeyId { get; }

    /// <summary>Loads <c>sa.key</c> from <paramref name="pkiDirectory"/>, creating the key pair when there is none.</summary>
    /// <exception cref="PkiFileException">The key file cannot be read, written or parsed; the message names it.</exception>
    public static ServiceAccountSigningKey LoadOrCreate(string pkiDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(pkiDirectory);
        var privatePath = Path.Combine(pkiDirectory, PrivateKeyFileName);
        var publicPath = Path.Combine(pkiDirectory, PublicKeyFileName);
        var key = RSA.Create();
        try
        {
            if (File.Exists(privatePath))
            {
                Import(key, privatePath);
            }
            else
            {
                key.KeySize = KeySizeBits;
                // The private key is the commit point: a leftover sa.pub without it is simply rewritten.
                Write(privatePath, key.ExportPkcs8PrivateKeyPem(), AtomicFile.OwnerOnly);
            }
            var publicPem = key.ExportSubjectPublicKeyInfoPem();
            if (!File.Exists(publicPath) || File.ReadAllText(publicPath) != publicPem)
            {
                Write(publicPath, publicPem, AtomicFile.WorldReadable);
            }
            return new ServiceAccountSigningKey(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Signs <paramref name="data"/> with RSASSA-PKCS1-v1_5 over SHA-256 (JWS <c>RS256</c>).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>True when <paramref name="signature"/> is this key's RS256 signature of <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        _key.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>The public key as a JSON Web Key, as <c>/openid/v1/jwks</c> lists it.</summary>
    public JsonObject PublicJwk()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["use"] = "sig",
            ["kty"] = "RSA",
            ["kid"] = KeyId,
            ["alg"] = "RS256",
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    private static void Import(RSA key, string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PkiFileException(path, "cannot be read", e);
        }
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new PkiFileException(path, "does not hold a valid unencrypted PEM RSA private key", e);
        }
        if (key.KeySize < KeySizeBits)
        {
            throw new PkiFileException(path, $"holds a {key.KeySize}-bit RSA key; at least {KeySizeBits} bits are needed");
        }
    }

    private static void Write(string path, string contents, UnixFileMode mode)
    {
        try
        {
            AtomicFile.WriteAllText(path, contents, mode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PkiFileException(path, "cannot be written", e);
        }
    }
}
