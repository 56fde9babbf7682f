using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SharpKube.Kubelet.Streaming;

/// <summary>
/// The ports of a <c>/portForward</c> request. A WebSocket client names them in the query (<c>port=80&amp;port=81</c> or
/// <c>port=80,81</c>) and must name one; a SPDY client names them per stream, so its query may be empty.
/// </summary>
internal static class PortForwardQuery
{
    /// <summary>The ports in <paramref name="query"/>; null with upstream's <paramref name="error"/> when one is malformed or a WebSocket client names none.</summary>
    public static IReadOnlyList<int>? Parse(IQueryCollection query, bool webSocket, out string error)
    {
        error = "";
        var values = query["port"];
        if (values.Count == 0)
        {
            if (webSocket)
            {
                error = "query parameter \"port\" is required";
                return null;
            }
            return [];
        }
        var ports = new List<int>();
        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value))
            {
                error = "query parameter \"port\" cannot be empty";
                return null;
            }
            foreach (var part in value.Split(','))
            {
                if (!ushort.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                {
                    error = $"unable to parse \"{part}\" as a port";
                    return null;
                }
                if (port == 0)
                {
                    error = $"port \"{part}\" must be > 0";
                    return null;
                }
                ports.Add(port);
            }
        }
        return ports;
    }
}
