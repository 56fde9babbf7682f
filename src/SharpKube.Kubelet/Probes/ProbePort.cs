using System.Globalization;
using k8s.Models;

namespace SharpKube.Kubelet.Probes;

/// <summary>The port an httpGet or tcpSocket probe names: a number, or the name of one of the container's ports.</summary>
internal static class ProbePort
{
    /// <summary>
    /// Resolves <paramref name="port"/> against <paramref name="container"/>'s ports. A name that no port has is
    /// still read as a number, as upstream does ("8080" given as a string).
    /// </summary>
    /// <returns>The port, or null with <paramref name="error"/> saying why it is not usable.</returns>
    public static int? Resolve(IntOrString? port, V1Container container, out string error)
    {
        var text = port?.Value;
        if (string.IsNullOrEmpty(text))
        {
            error = "the probe has no port";
            return null;
        }

        int number;
        var named = container.Ports?.FirstOrDefault(p => p.Name == text);
        if (named is not null)
        {
            number = named.ContainerPort;
        }
        else if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        {
            error = $"port {text} not found";
            return null;
        }

        if (number is < 1 or > 65535)
        {
            error = $"invalid port number: {number}";
            return null;
        }

        error = "";
        return number;
    }

    /// <summary>"host:port", with an IPv6 host in brackets.</summary>
    public static string JoinHostPort(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[')
            ? $"[{host}]:{port.ToString(CultureInfo.InvariantCulture)}"
            : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";
}
