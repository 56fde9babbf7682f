using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SharpKube.ApiServer.Pki;
using SharpKube.ApiServer.Tests.Pki;

namespace SharpKube.ApiServer.Tests.Authentication;

/// <summary>An <see cref="HttpClient"/> that trusts only the cluster CA (host name checked) and may present a client certificate.</summary>
public static class ClusterTlsClient
{
    public static HttpClient Create(ClusterPki pki, X509Certificate2? clientCertificate = null)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
            && certificate is X509Certificate2 server
            && CertificateAssertions.ChainsTo(server, pki.CaCertificate, CertificateAssertions.ServerAuth);
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return new HttpClient(handler);
    }

    /// <summary>POSTs a SelfSubjectReview; returns the HTTP response and, on 201, the user name and groups.</summary>
    public static async Task<(HttpResponseMessage Response, string? User, string[] Groups)> WhoAmIAsync(
        HttpClient client, Uri server, Version? version = null, string? bearerToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, WhoAmIServer.ReviewPath))
        {
            Content = new StringContent("""{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""", System.Text.Encoding.UTF8, "application/json"),
            Version = version ?? new Version(1, 1),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            return (response, null, []);
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var userInfo = json.RootElement.GetProperty("status").GetProperty("userInfo");
        return (response, userInfo.GetProperty("username").GetString(), [.. userInfo.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!)]);
    }
}
