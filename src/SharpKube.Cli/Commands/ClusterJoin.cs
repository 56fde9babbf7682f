using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SharpKube.ApiServer.NodeJoin;

namespace SharpKube.Cli.Commands;

/// <summary>
/// How <c>sharpkube agent</c> gets its node credentials: it reads the cluster CA from <c>GET /cacerts</c>, then asks
/// <c>POST /v1-sharpkube/node-credentials</c> for its certificates, over TLS verified with that CA and with the token.
/// </summary>
/// <remarks>
/// The first call cannot verify the server: the agent does not know the CA yet. With a plain token the CA is taken on
/// trust (as k3s does for a token without a CA hash), so a machine in the middle of that first connection could serve
/// its own CA and receive the token. A <c>K10&lt;hash&gt;::</c> token closes that gap: the CA is accepted only if its
/// SHA-256 matches, and the token is never sent to a server that did not prove it holds a certificate of that CA.
/// </remarks>
internal static class ClusterJoin
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Fetches the CA and the node's credentials from <paramref name="server"/>.</summary>
    /// <exception cref="HttpRequestException">The server cannot be reached, or its TLS certificate is not the CA's.</exception>
    /// <exception cref="UnauthorizedAccessException">The token was refused (401) or is not an administrator's (403).</exception>
    /// <exception cref="InvalidDataException">The server's answer is not what a SharpKube server answers, or the CA does not match the token's hash.</exception>
    public static async Task<NodeCredentials> JoinAsync(Uri server, AgentToken token, string nodeName, IReadOnlyList<IPAddress> addresses,
        ILogger logger, CancellationToken cancellationToken)
    {
        var (caBundle, ca) = await FetchCaAsync(server, token, logger, cancellationToken).ConfigureAwait(false);
        using (ca)
        {
            var credentials = await RequestCredentialsAsync(server, ca, token, nodeName, addresses, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(credentials.CaCertificate.Trim(), caBundle.Trim(), StringComparison.Ordinal))
            {
                throw new InvalidDataException($"the server at {server} issued node credentials under a CA other than the one it serves at /cacerts");
            }
            return credentials;
        }
    }

    private static async Task<(string Bundle, X509Certificate2 Ca)> FetchCaAsync(Uri server, AgentToken token, ILogger logger,
        CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler();
        // Nothing secret is sent on this connection; what it answers is checked below (hash) or trusted (plain token).
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var client = new HttpClient(handler) { Timeout = RequestTimeout };
        var url = new Uri(server, NodeJoinHandler.CaCertsPath);
        byte[] body;
        using (var response = await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, url), server, cancellationToken).ConfigureAwait(false))
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidDataException($"the server at {server} answered {(int)response.StatusCode} for {NodeJoinHandler.CaCertsPath}: is it a SharpKube server?");
            }
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        if (token.CaHash is { } expected)
        {
            var actual = AgentToken.HashOf(body);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(actual), Encoding.ASCII.GetBytes(expected)))
            {
                throw new InvalidDataException(
                    $"the CA certificate served by {server} has SHA-256 {actual}, not the {expected} in the token: refusing to trust it");
            }
        }
        else
        {
            logger.LogWarning("The token carries no CA hash: trusting the CA served by {Server} without verification (use a K10<sha256>::server:<token> token to pin it)",
                server);
        }
        var bundle = Encoding.UTF8.GetString(body);
        try
        {
            var ca = X509Certificate2.CreateFromPem(bundle);
            if (ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
            {
                ca.Dispose();
                throw new InvalidDataException($"the certificate served by {server} at {NodeJoinHandler.CaCertsPath} is not a CA certificate");
            }
            return (bundle, ca);
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"the server at {server} did not serve a PEM certificate at {NodeJoinHandler.CaCertsPath}: {e.Message}", e);
        }
    }

    private static async Task<NodeCredentials> RequestCredentialsAsync(Uri server, X509Certificate2 ca, AgentToken token, string nodeName,
        IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.Add(ca);
        using var client = new HttpClient(handler) { Timeout = RequestTimeout };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, NodeJoinHandler.NodeCredentialsPath))
        {
            Content = JsonContent.Create(new NodeCredentialsRequest(nodeName, [.. addresses.Select(a => a.ToString())]),
                NodeJoinJsonContext.Default.NodeCredentialsRequest),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.BearerToken);
        using var response = await SendAsync(client, request, server, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                return Deserialize(body, server);
            case HttpStatusCode.Unauthorized:
                throw new UnauthorizedAccessException($"the server at {server} refused the token (401 Unauthorized)");
            case HttpStatusCode.Forbidden:
                throw new UnauthorizedAccessException(
                    $"the token is not a cluster administrator's token (403 Forbidden): join with the server's --token ({StatusMessage(body)})");
            default:
                throw new InvalidDataException(
                    $"the server at {server} refused the node credentials for {nodeName} ({(int)response.StatusCode}): {StatusMessage(body)}");
        }
    }

    private static NodeCredentials Deserialize(string body, Uri server)
    {
        try
        {
            return JsonSerializer.Deserialize(body, NodeJoinJsonContext.Default.NodeCredentials)
                ?? throw new InvalidDataException($"the server at {server} answered no node credentials");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the server at {server} answered malformed node credentials: {e.Message}", e);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, Uri server, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                return await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.InnerException is AuthenticationException tls)
            {
                throw new HttpRequestException($"cannot reach the server at {server} securely: {tls.Message}", e);
            }
            catch (HttpRequestException e)
            {
                throw new HttpRequestException($"cannot reach the server at {server}: {e.Message}", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the server at {server} did not answer within {RequestTimeout.TotalSeconds:0} s", e);
            }
        }
    }

    // The message of a metav1.Status body, or the body itself when it is not one.
    private static string StatusMessage(string body)
    {
        try
        {
            using var status = JsonDocument.Parse(body);
            return status.RootElement.TryGetProperty("message", out var message) && message.GetString() is { } text ? text : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
