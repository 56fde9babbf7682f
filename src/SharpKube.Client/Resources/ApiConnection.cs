using System.Net.Http.Headers;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace SharpKube.Client.Resources;

/// <summary>
/// Raw HTTP to the API server through a KubernetesClient's own <see cref="HttpClient"/> and credentials, so
/// TLS, client certificates and bearer tokens come from the kubeconfig exactly as for the typed operations.
/// Failures surface as KubernetesClient's <see cref="HttpOperationException"/>, like the typed operations'.
/// </summary>
internal sealed class ApiConnection(Kubernetes client)
{
    private readonly string _baseUrl = client.BaseUri.ToString().TrimEnd('/');

    /// <summary>
    /// Sends a request. With <paramref name="streaming"/> the response is returned as soon as its headers arrive
    /// and is not bounded by the client's request timeout (watches); otherwise the body is buffered.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content,
        bool streaming, CancellationToken cancellationToken)
    {
        using var timeout = streaming ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is not null && client.HttpClientTimeout > TimeSpan.Zero)
        {
            timeout.CancelAfter(client.HttpClientTimeout);
        }
        var token = timeout?.Token ?? cancellationToken;
        using var request = new HttpRequestMessage(method, _baseUrl + pathAndQuery) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, token).ConfigureAwait(false);
        }
        var response = await client.HttpClient.SendAsync(request,
            streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            throw Failure(request, response, body);
        }
    }

    private static HttpOperationException Failure(HttpRequestMessage request, HttpResponseMessage response, string body)
    {
        var status = TryReadStatus(body);
        var message = $"{request.Method} {request.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {status?.Reason ?? response.ReasonPhrase}"
            + (string.IsNullOrEmpty(status?.Message) ? "" : ": " + status.Message);
        return new HttpOperationException(message)
        {
            Request = new HttpRequestMessageWrapper(request, null),
            Response = new HttpResponseMessageWrapper(response, body),
            Body = status,
        };
    }

    private static V1Status? TryReadStatus(string body)
    {
        try
        {
            return body.Length > 0 && body[0] == '{' ? KubernetesJson.Deserialize<V1Status>(body) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
