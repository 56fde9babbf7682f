using System.Text;
using System.Text.Json;

namespace SharpKube.ApiServer.Pki;

/// <summary>
/// A kubeconfig with one cluster, one user and one context, all named <c>default</c> (as k3s writes them),
/// credentials embedded as base64 data: the admin kubeconfig, <c>--write-kubeconfig</c>, component kubeconfigs.
/// </summary>
public sealed class KubeconfigFile
{
    /// <summary>The name of the cluster, user and context.</summary>
    public const string EntryName = "default";

    private readonly string _certificateAuthorityPem;
    private readonly ClientCredentials? _credentials;
    private readonly string? _token;

    private KubeconfigFile(Uri server, string certificateAuthorityPem, ClientCredentials? credentials, string? token)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrEmpty(certificateAuthorityPem);
        if (!server.IsAbsoluteUri || server.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"The API server URL must be an absolute https URL, not '{server}'.", nameof(server));
        }

        Server = server;
        _certificateAuthorityPem = certificateAuthorityPem;
        _credentials = credentials;
        _token = token;
    }

    /// <summary>The API server URL, e.g. <c>https://127.0.0.1:6443</c>.</summary>
    public Uri Server { get; }

    /// <summary>A kubeconfig that authenticates with a client certificate.</summary>
    public static KubeconfigFile ForClientCertificate(Uri server, string certificateAuthorityPem, ClientCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new KubeconfigFile(server, certificateAuthorityPem, credentials, null);
    }

    /// <summary>A kubeconfig that authenticates with a bearer token.</summary>
    public static KubeconfigFile ForToken(Uri server, string certificateAuthorityPem, string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new KubeconfigFile(server, certificateAuthorityPem, null, token);
    }

    /// <summary>The kubeconfig as YAML.</summary>
    public string ToYaml()
    {
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: v1\n");
        yaml.Append("kind: Config\n");
        yaml.Append("clusters:\n");
        yaml.Append("- name: ").Append(EntryName).Append('\n');
        yaml.Append("  cluster:\n");
        yaml.Append("    certificate-authority-data: ").Append(Base64(_certificateAuthorityPem)).Append('\n');
        yaml.Append("    server: ").Append(Quoted(Server.AbsoluteUri.TrimEnd('/'))).Append('\n');
        yaml.Append("contexts:\n");
        yaml.Append("- name: ").Append(EntryName).Append('\n');
        yaml.Append("  context:\n");
        yaml.Append("    cluster: ").Append(EntryName).Append('\n');
        yaml.Append("    user: ").Append(EntryName).Append('\n');
        yaml.Append("current-context: ").Append(EntryName).Append('\n');
        yaml.Append("preferences: {}\n");
        yaml.Append("users:\n");
        yaml.Append("- name: ").Append(EntryName).Append('\n');
        yaml.Append("  user:\n");
        if (_credentials is not null)
        {
            yaml.Append("    client-certificate-data: ").Append(Base64(_credentials.CertificatePem)).Append('\n');
            yaml.Append("    client-key-data: ").Append(Base64(_credentials.PrivateKeyPem)).Append('\n');
        }
        else
        {
            yaml.Append("    token: ").Append(Quoted(_token!)).Append('\n');
        }

        return yaml.ToString();
    }

    /// <summary>Writes the kubeconfig to <paramref name="path"/> atomically, readable by the owner only (0600).</summary>
    public void WriteTo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllText(path, ToYaml(), AtomicFile.OwnerOnly);
    }

    /// <summary>The server and identity; the credentials never appear in logs.</summary>
    public override string ToString() =>
        _credentials is not null ? $"kubeconfig for {Server} as {_credentials.Subject}" : $"kubeconfig for {Server} with a token";

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    // A JSON string is a valid YAML double-quoted scalar, so JSON escaping is YAML escaping.
    private static string Quoted(string text) => JsonSerializer.Serialize(text);
}
