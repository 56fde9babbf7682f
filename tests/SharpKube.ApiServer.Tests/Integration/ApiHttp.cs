using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SharpKube.ApiServer.Hosting;
using SharpKube.ApiServer.Tests.Authentication;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>Raw HTTPS requests to a test API server, authenticated with the static admin token, over one HTTP version.</summary>
public sealed class ApiHttp : IDisposable
{
    /// <summary>The fixture's static admin token.</summary>
    public const string AdminToken = "test-admin-token";

    private readonly HttpClient _client;
    private readonly Uri _server;

    public ApiHttp(RunningApiServer server, Version? version = null)
    {
        _client = ClusterTlsClient.Create(server.Pki);
        _client.Timeout = Timeout.InfiniteTimeSpan;
        _server = server.Url;
        Version = version ?? HttpVersion.Version20;
    }

    public Version Version { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpRequestMessage Request(HttpMethod method, string pathAndQuery, HttpContent? content = null, bool authenticate = true,
        string? accept = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_server, pathAndQuery))
        {
            Content = content,
            Version = Version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (authenticate)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        }
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await _client.SendAsync(request, Ct);
        }
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? accept = null, bool authenticate = true) =>
        SendAsync(Request(HttpMethod.Get, pathAndQuery, null, authenticate, accept));

    public Task<HttpResponseMessage> SendBodyAsync(HttpMethod method, string pathAndQuery, string body, string contentType = "application/json") =>
        SendBytesAsync(method, pathAndQuery, Encoding.UTF8.GetBytes(body), contentType);

    public Task<HttpResponseMessage> SendBytesAsync(HttpMethod method, string pathAndQuery, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return SendAsync(Request(method, pathAndQuery, content));
    }

    /// <summary>Starts a watch and returns once the response headers have arrived.</summary>
    public async Task<WatchStream> WatchAsync(string pathAndQuery, string? accept = null)
    {
        using var request = Request(HttpMethod.Get, pathAndQuery, accept: accept);
        var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        return await WatchStream.OpenAsync(response);
    }

    public void Dispose() => _client.Dispose();
}
