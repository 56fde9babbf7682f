using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SharpKube.ApiServer.Pki;

/// <summary>
/// The PKI directory on disk: <c>NAME.crt</c> (mode 0644) and <c>NAME.key</c> (mode 0600) PEM files.
/// Keys are written before certificates, so the certificate file is the commit point of a pair.
/// </summary>
internal sealed class PkiDirectory
{
    /// <summary>Opens the directory, creating it owner-only (0700) if it does not exist.</summary>
    public PkiDirectory(string path)
    {
        FullPath = System.IO.Path.GetFullPath(path);
        try
        {
            if (!Directory.Exists(FullPath))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(FullPath);
                }
                else
                {
                    Directory.CreateDirectory(FullPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PkiFileException(FullPath, "cannot be created as a directory", e);
        }
    }

    /// <summary>The absolute path of the directory.</summary>
    public string FullPath { get; }

    /// <summary>The path of the certificate file of pair <paramref name="name"/>.</summary>
    public string CertificatePath(string name) => System.IO.Path.Combine(FullPath, name + ".crt");

    /// <summary>The path of the private key file of pair <paramref name="name"/>.</summary>
    public string KeyPath(string name) => System.IO.Path.Combine(FullPath, name + ".key");

    /// <summary>Reads a certificate; null when the file does not exist.</summary>
    /// <exception cref="PkiFileException">The file exists but cannot be read or holds no valid certificate.</exception>
    public (X509Certificate2 Certificate, string Pem)? ReadCertificate(string name)
    {
        var path = CertificatePath(name);
        var pem = ReadText(path);
        if (pem is null)
        {
            return null;
        }

        try
        {
            return (X509Certificate2.CreateFromPem(pem), pem);
        }
        catch (CryptographicException e)
        {
            throw new PkiFileException(path, "does not hold a valid PEM certificate", e);
        }
    }

    /// <summary>Reads an ECDSA private key; null when the file does not exist.</summary>
    /// <exception cref="PkiFileException">The file exists but cannot be read or holds no unencrypted EC private key.</exception>
    public (ECDsa Key, string Pem)? ReadPrivateKey(string name)
    {
        var path = KeyPath(name);
        var pem = ReadText(path);
        if (pem is null)
        {
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return (key, pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new PkiFileException(path, "does not hold a valid unencrypted PEM EC private key", e);
        }
    }

    /// <summary>Writes a pair atomically: the key (0600) first, then the certificate (0644).</summary>
    public void Write(string name, CertificateKeyPair pair)
    {
        WriteFile(KeyPath(name), pair.KeyPem, AtomicFile.OwnerOnly);
        WriteFile(CertificatePath(name), pair.CertificatePem, AtomicFile.WorldReadable);
    }

    private static void WriteFile(string path, string contents, UnixFileMode mode)
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

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PkiFileException(path, "cannot be read", e);
        }
    }
}
