using System.Net;
using System.Net.Sockets;

namespace SharpKube.Dns.Zone;

/// <summary>
/// Pod names <c>a-b-c-d.&lt;namespace&gt;.pod.&lt;domain&gt;</c> (IPv6 with '-' for ':'), answered from the name alone,
/// as CoreDNS does with <c>pods insecure</c>; and the dashed form endpoints without a hostname are named by.
/// </summary>
internal static class PodAddress
{
    /// <summary>The address a pod name spells, when <paramref name="name"/> is one.</summary>
    public static bool TryParse(string name, string domain, out IPAddress address)
    {
        address = IPAddress.None;
        var suffix = ".pod." + domain;
        if (!name.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = name.AsSpan(0, name.Length - suffix.Length);
        var dot = rest.IndexOf('.');
        if (dot <= 0 || rest[(dot + 1)..].Contains('.'))
        {
            return false;
        }
        var label = rest[..dot].ToString();
        var text = label.Count(c => c == '-') == 3 && !label.Contains(':', StringComparison.Ordinal) ? label.Replace('-', '.') : label.Replace('-', ':');
        return IPAddress.TryParse(text, out address!) && address.ToString().Length > 0
            && (address.AddressFamily == AddressFamily.InterNetwork ? text.Count(c => c == '.') == 3 : address.AddressFamily == AddressFamily.InterNetworkV6);
    }

    /// <summary>The dashed label of <paramref name="address"/>: 10.42.0.5 → 10-42-0-5.</summary>
    public static string Label(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? address.ToString().Replace('.', '-') : address.ToString().Replace(':', '-');
}
