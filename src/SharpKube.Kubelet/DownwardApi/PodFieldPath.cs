using System.Globalization;
using System.Text;
using k8s.Models;

namespace SharpKube.Kubelet.DownwardApi;

/// <summary>
/// The pod fields the downward API exposes through <c>fieldRef</c>, to environment variables and to files: the
/// field paths upstream accepts, with upstream's formatting (whole label and annotation maps as sorted
/// <c>key="value"</c> lines with Go-quoted values, IP lists comma-separated).
/// </summary>
public static class PodFieldPath
{
    /// <summary>
    /// The value of <paramref name="fieldPath"/> for <paramref name="pod"/>. Throws <see cref="ArgumentException"/> with
    /// upstream's message for a path the downward API does not support.
    /// </summary>
    public static string Resolve(V1Pod pod, string fieldPath)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(fieldPath);
        if (TrySubscript(fieldPath, "metadata.labels", out var labelKey))
        {
            return pod.Metadata?.Labels is { } labels && labels.TryGetValue(labelKey, out var label) ? label : "";
        }
        if (TrySubscript(fieldPath, "metadata.annotations", out var annotationKey))
        {
            return pod.Metadata?.Annotations is { } annotations && annotations.TryGetValue(annotationKey, out var annotation) ? annotation : "";
        }
        return fieldPath switch
        {
            "metadata.name" => pod.Metadata?.Name ?? "",
            "metadata.namespace" => pod.Metadata?.NamespaceProperty ?? "",
            "metadata.uid" => pod.Metadata?.Uid ?? "",
            "metadata.labels" => FormatMap(pod.Metadata?.Labels),
            "metadata.annotations" => FormatMap(pod.Metadata?.Annotations),
            "spec.nodeName" => pod.Spec?.NodeName ?? "",
            "spec.serviceAccountName" => pod.Spec?.ServiceAccountName ?? "",
            "status.hostIP" => pod.Status?.HostIP ?? "",
            "status.hostIPs" => string.Join(',', pod.Status?.HostIPs?.Select(ip => ip.Ip) ?? []),
            "status.podIP" => pod.Status?.PodIP ?? "",
            "status.podIPs" => string.Join(',', pod.Status?.PodIPs?.Select(ip => ip.Ip) ?? []),
            _ => throw new ArgumentException($"unsupported fieldPath: {fieldPath}", nameof(fieldPath)),
        };
    }

    /// <summary>
    /// A map as the downward API writes it to a file: one <c>key="value"</c> line per entry, keys in ordinal order, the
    /// value quoted and escaped as Go's <c>%q</c> does, no newline after the last line.
    /// </summary>
    public static string FormatMap(IDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0)
        {
            return "";
        }
        var text = new StringBuilder();
        foreach (var key in map.Keys.Order(StringComparer.Ordinal))
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }
            text.Append(key).Append('=');
            AppendQuoted(text, map[key]);
        }
        return text.ToString();
    }

    private static bool TrySubscript(string fieldPath, string prefix, out string key)
    {
        key = "";
        if (fieldPath.Length < prefix.Length + 4 || !fieldPath.StartsWith(prefix, StringComparison.Ordinal)
            || fieldPath[prefix.Length] != '[' || !fieldPath.EndsWith("']", StringComparison.Ordinal) || fieldPath[prefix.Length + 1] != '\'')
        {
            return false;
        }
        key = fieldPath[(prefix.Length + 2)..^2];
        return true;
    }

    /// <summary>Go's strconv.Quote for the characters label and annotation values hold.</summary>
    private static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\a': text.Append("\\a"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\v': text.Append("\\v"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7F)
                    {
                        text.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                    {
                        text.Append(rune.Value > 0xFFFF ? "\\U" + rune.Value.ToString("x8", CultureInfo.InvariantCulture)
                            : "\\u" + rune.Value.ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(rune.ToString());
                    }
                    break;
            }
        }
        text.Append('"');
    }
}
