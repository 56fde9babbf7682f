using System.Net;
using System.Net.Sockets;
using System.Text;
using k8s.Models;

namespace SharpKube.Kubelet.Probes;

/// <summary>
/// An httpGet probe: a GET to scheme://host:port/path with the probe's headers; any status from 200 to 399 is a
/// success. Redirects are followed (at most 10) while they stay on the same host; one to another host ends the probe
/// with its 3xx, a success with a warning. At most 10 KiB of the body is read.
/// </summary>
internal static class HttpGetProbe
{
    /// <summary>The User-Agent upstream's kubelet 1.32 sends unless the probe sets one.</summary>
    public const string UserAgent = "kube-probe/1.32";

    private const int MaxRedirects = 10;

    /// <summary>Runs <paramref name="action"/>; <paramref name="podIp"/> is the host when the action names none.</summary>
    public static async Task<ProbeResult> RunAsync(
        HttpClient http, V1HTTPGetAction action, V1Container container, string? podIp, TimeSpan timeout, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var host = string.IsNullOrEmpty(action.Host) ? podIp : action.Host;
        if (string.IsNullOrEmpty(host))
        {
            return ProbeResult.Unknown("the pod has no IP yet and the probe names no host");
        }

        if (ProbePort.Resolve(action.Port, container, out var portError) is not { } port)
        {
            return ProbeResult.Unknown(portError);
        }

        var scheme = string.IsNullOrEmpty(action.Scheme) ? "http" : action.Scheme.ToLowerInvariant();
        var path = action.Path ?? "";
        if (!Uri.TryCreate($"{scheme}://{ProbePort.JoinHostPort(host, port)}{(path.StartsWith('/') || path.Length == 0 ? "" : "/")}{path}", UriKind.Absolute, out var url))
        {
            return ProbeResult.Failure($"parse \"{scheme}://{ProbePort.JoinHostPort(host, port)}{path}\": invalid URL");
        }

        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var current = url;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = NewRequest(current, action.HttpHeaders);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                if (RedirectTarget(response, current) is { } next && next.IdnHost == url.IdnHost)
                {
                    if (redirects + 1 >= MaxRedirects)
                    {
                        return ProbeResult.Failure($"Get \"{next}\": stopped after {MaxRedirects} redirects");
                    }

                    current = next;
                    continue;
                }

                var body = await ReadBodyAsync(response, linked.Token);
                var status = (int)response.StatusCode;
                return status switch
                {
                    >= 200 and < 300 => ProbeResult.Success(body),
                    >= 300 and < 400 => ProbeResult.Warning($"Probe terminated redirects, Response body: {body}"),
                    _ => ProbeResult.Failure($"HTTP probe failed with statuscode: {status}"),
                };
            }
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Failure($"Get \"{current}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e)
        {
            return ProbeResult.Failure($"Get \"{current}\": {Describe(e, current)}");
        }
    }

    private static HttpRequestMessage NewRequest(Uri url, IList<V1HTTPHeader>? headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11 };
        // Upstream's probes never reuse a connection.
        request.Headers.ConnectionClose = true;
        var userAgentSet = false;
        var acceptSet = false;
        foreach (var header in headers ?? [])
        {
            if (string.IsNullOrEmpty(header.Name))
            {
                continue;
            }

            if (header.Name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = header.Value;
                continue;
            }

            userAgentSet |= header.Name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
            if (header.Name.Equals("Accept", StringComparison.OrdinalIgnoreCase))
            {
                acceptSet = true;
                if (string.IsNullOrEmpty(header.Value))
                {
                    // An empty Accept removes the default rather than sending an empty header.
                    continue;
                }
            }

            request.Headers.TryAddWithoutValidation(header.Name, header.Value ?? "");
        }

        if (!userAgentSet)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }

        if (!acceptSet)
        {
            request.Headers.TryAddWithoutValidation("Accept", "*/*");
        }

        return request;
    }

    /// <summary>Where a redirect response points, resolved against the request's URL; null for anything else.</summary>
    private static Uri? RedirectTarget(HttpResponseMessage response, Uri requested) =>
        response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
        && response.Headers.Location is { } location
            ? location.IsAbsoluteUri ? location : new Uri(requested, location)
            : null;

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ProbeResult.MaxOutputBytes];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, filled);
    }

    private static string Describe(HttpRequestException e, Uri url) => e.InnerException switch
    {
        SocketException socket => $"dial tcp {ProbePort.JoinHostPort(url.Host.Trim('[', ']'), url.Port)}: {TcpSocketProbe.SocketErrorText(socket)}",
        { } inner => inner.Message,
        null => e.Message,
    };
}
