using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SharpKube.ApiServer.Registry.Metadata;

/// <summary>
/// Value formats Kubernetes validates besides names: ports, percentages, config keys, environment variable
/// names, IP addresses. Each check returns upstream's messages; an empty list means valid.
/// </summary>
public static partial class ValueFormat
{
    private const string ConfigMapKeyFmt = "[-._a-zA-Z0-9]+";
    private const string PercentFmt = "[0-9]+%";
    private const string HttpHeaderNameFmt = "[-A-Za-z0-9]+";

    /// <summary>Upstream's inclusive range message.</summary>
    public static string InclusiveRangeError(long low, long high) =>
        string.Create(CultureInfo.InvariantCulture, $"must be between {low} and {high}, inclusive");

    /// <summary>A port number, 1–65535.</summary>
    public static IReadOnlyList<string> PortNumber(long port) =>
        port is >= 1 and <= 65535 ? [] : [InclusiveRangeError(1, 65535)];

    /// <summary>A named port (IANA service name shape).</summary>
    public static IReadOnlyList<string> PortName(string port)
    {
        var errors = new List<string>();
        if (port.Length > 15)
        {
            errors.Add(NameFormat.MaxLenError(15));
        }
        if (!PortNameCharsetRegex().IsMatch(port))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!port.Any(c => c is >= 'a' and <= 'z'))
        {
            errors.Add("must contain at least one letter (a-z)");
        }
        if (port.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }
        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }
        return errors;
    }

    /// <summary>A percentage string such as <c>25%</c>.</summary>
    public static IReadOnlyList<string> Percent(string value) => PercentRegex().IsMatch(value)
        ? []
        : [NameFormat.RegexError("a valid percent string must be a numeric string followed by an ending '%'", PercentFmt, "1%", "93%")];

    /// <summary>A key of a ConfigMap or Secret.</summary>
    public static IReadOnlyList<string> ConfigMapKey(string value)
    {
        var errors = new List<string>();
        if (value.Length > NameFormat.Dns1123SubdomainMaxLength)
        {
            errors.Add(NameFormat.MaxLenError(NameFormat.Dns1123SubdomainMaxLength));
        }
        if (!ConfigMapKeyRegex().IsMatch(value))
        {
            errors.Add(NameFormat.RegexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                ConfigMapKeyFmt, "key.name", "KEY_NAME", "key-name"));
        }
        if (value == ".")
        {
            errors.Add("must not be '.'");
        }
        else if (value == "..")
        {
            errors.Add("must not be '..'");
        }
        else if (value.StartsWith("..", StringComparison.Ordinal))
        {
            errors.Add("must not start with '..'");
        }
        return errors;
    }

    /// <summary>An environment variable name under the relaxed rule (on by default since v1.32).</summary>
    public static IReadOnlyList<string> EnvVarName(string value)
    {
        var errors = new List<string>();
        if (value.Length == 0)
        {
            errors.Add("environment variable name must be non-empty");
        }
        if (value.Any(c => c is < ' ' or > '~' or '='))
        {
            errors.Add("a valid environment variable name must consist only of printable ASCII characters other than '='");
        }
        return errors;
    }

    /// <summary>An HTTP header name.</summary>
    public static IReadOnlyList<string> HttpHeaderName(string value) => HttpHeaderNameRegex().IsMatch(value)
        ? []
        : [NameFormat.RegexError("a valid HTTP header must consist of alphanumeric characters or '-'", HttpHeaderNameFmt, "X-Header-Name")];

    /// <summary>True for a textual IPv4 (dotted quad) or IPv6 address.</summary>
    public static bool IsIP(string value) => ParseIP(value) is not null;

    /// <summary>True for a textual IPv6 address.</summary>
    public static bool IsIPv6(string value) => ParseIP(value)?.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Upstream's message for a malformed IP address.</summary>
    public const string InvalidIPMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

    private static IPAddress? ParseIP(string value)
    {
        if (value.Contains(':', StringComparison.Ordinal))
        {
            return !value.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(value, out var v6) &&
                v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
        }
        // IPAddress.TryParse accepts "1" or "0x1"; Kubernetes wants exactly four decimal parts.
        var parts = value.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, CultureInfo.InvariantCulture) > 255))
        {
            return null;
        }
        return IPAddress.Parse(value);
    }

    [GeneratedRegex("^[-a-z0-9]+$")]
    private static partial Regex PortNameCharsetRegex();

    [GeneratedRegex("^" + PercentFmt + "$")]
    private static partial Regex PercentRegex();

    [GeneratedRegex("^" + ConfigMapKeyFmt + "$")]
    private static partial Regex ConfigMapKeyRegex();

    [GeneratedRegex("^" + HttpHeaderNameFmt + "$")]
    private static partial Regex HttpHeaderNameRegex();
}
