using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using SharpKube.ApiServer.Hosting;
using SharpKube.ApiServer.Tests.Authentication;
using SharpKube.ApiServer.Tests.Integration;

namespace SharpKube.ApiServer.Tests.ServiceAccounts;

/// <summary>TokenRequests and bearer-token requests against a test server.</summary>
public sealed class TokenApi(RunningApiServer server, Kubernetes client) : IDisposable
{
    private readonly ApiHttp _admin = new(server);
    private readonly HttpClient _bare = ClusterTlsClient.Create(server.Pki);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates namespace <paramref name="ns"/> (once) and service account <paramref name="name"/> in it.</summary>
    public async Task<V1ServiceAccount> ServiceAccountAsync(string ns, string name)
    {
        try
        {
            await TestObjects.NamespaceAsync(client, ns);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }
        return await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name } }, ns,
            cancellationToken: Ct);
    }

    /// <summary>Creates an unscheduled pod running as service account <paramref name="serviceAccount"/>.</summary>
    public Task<V1Pod> PodAsync(string ns, string name, string serviceAccount, string? nodeName = null) =>
        client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                ServiceAccountName = serviceAccount,
                NodeName = nodeName,
                Containers = [new V1Container { Name = "c", Image = "registry.k8s.io/pause:3.10" }],
            },
        }, ns, cancellationToken: Ct);

    /// <summary>POSTs a TokenRequest with <paramref name="spec"/> (JSON) as admin; returns the status code and the body.</summary>
    public async Task<(HttpStatusCode Code, JsonElement Body)> RequestAsync(string ns, string serviceAccount, string spec = "{}")
    {
        var response = await _admin.SendBodyAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/serviceaccounts/{serviceAccount}/token",
            $$"""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{{spec}}}""");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>Requests a token and returns it, failing the test unless the answer is 201.</summary>
    public async Task<string> TokenAsync(string ns, string serviceAccount, string spec = "{}")
    {
        var (code, body) = await RequestAsync(ns, serviceAccount, spec);
        Assert.True(code == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("status").GetProperty("token").GetString()!;
    }

    /// <summary>GETs <paramref name="path"/> with <paramref name="token"/> as bearer token.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _bare.SendAsync(request, Ct);
    }

    /// <summary>The status of a GET of <paramref name="path"/> with <paramref name="token"/>.</summary>
    public async Task<HttpStatusCode> StatusAsync(string path, string token)
    {
        using var response = await GetAsync(path, token);
        return response.StatusCode;
    }

    /// <summary>Polls until a GET with <paramref name="token"/> answers <paramref name="expected"/> (10 s deadline).</summary>
    public async Task WaitForStatusAsync(string path, string token, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode last;
        while ((last = await StatusAsync(path, token)) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }
        Assert.Equal(expected, last);
    }

    /// <summary>POSTs a SelfSubjectReview with <paramref name="token"/>; returns the status's userInfo.</summary>
    public async Task<JsonElement> WhoAmIAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Url, "/apis/authentication.k8s.io/v1/selfsubjectreviews"))
        {
            Content = new StringContent("""{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _bare.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return document.RootElement.GetProperty("status").GetProperty("userInfo").Clone();
    }

    /// <summary>The decoded JSON of part <paramref name="index"/> (0 header, 1 claims) of a compact JWT.</summary>
    public static JsonElement Part(string token, int index)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[index]));
        return document.RootElement.Clone();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _bare.Dispose();
    }
}
