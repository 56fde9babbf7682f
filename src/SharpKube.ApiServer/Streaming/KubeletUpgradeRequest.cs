using System.Text;
using Microsoft.AspNetCore.Http;

namespace SharpKube.ApiServer.Streaming;

/// <summary>The head of an HTTP/1.1 upgrade request to a kubelet: request line, Host and the upgrade's headers.</summary>
public static class KubeletUpgradeRequest
{
    // What an upgrade needs passed on; the client's credentials are not: the API server authenticates itself.
    private static readonly string[] Forwarded =
    [
        "Connection", "Upgrade", "X-Stream-Protocol-Version", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
        "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Origin", "User-Agent",
    ];

    /// <summary>The upgrade headers of the client's <paramref name="request"/>, each value on its own.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ClientHeaders(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Forwarded.SelectMany(name => request.Headers[name].Select(value => new KeyValuePair<string, string>(name, value ?? "")));
    }

    /// <summary>The SPDY/3.1 upgrade headers asking for <paramref name="protocols"/> (<c>X-Stream-Protocol-Version</c>, in order of preference).</summary>
    public static IEnumerable<KeyValuePair<string, string>> SpdyHeaders(params string[] protocols) =>
    [
        new("Connection", "Upgrade"),
        new("Upgrade", "SPDY/3.1"),
        .. protocols.Select(p => new KeyValuePair<string, string>("X-Stream-Protocol-Version", p)),
    ];

    /// <summary>The request head <paramref name="method"/> <paramref name="pathAndQuery"/> to the kubelet at <paramref name="baseUrl"/>.</summary>
    public static byte[] Build(string method, Uri baseUrl, string pathAndQuery, IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(headers);
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(baseUrl.Authority).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        if (HttpMethods.IsPost(method))
        {
            head.Append("Content-Length: 0\r\n");
        }
        return Encoding.Latin1.GetBytes(head.Append("\r\n").ToString());
    }
}
