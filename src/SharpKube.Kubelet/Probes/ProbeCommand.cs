using System.Text;
using k8s.Models;

namespace SharpKube.Kubelet.Probes;

/// <summary>
/// An exec probe's command with <c>$(VAR)</c> replaced by the container's literal env values, as upstream expands
/// it: only plain <c>value</c>s count (the probe runs outside the container's environment), <c>$$</c> escapes a
/// reference, and a reference to an unknown variable stays as written.
/// </summary>
internal static class ProbeCommand
{
    /// <summary>The expanded command.</summary>
    public static IReadOnlyList<string> Expand(IList<string>? command, V1Container container)
    {
        if (command is null || command.Count == 0)
        {
            return [];
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in container.Env ?? [])
        {
            if (env.Name is { } name && env.ValueFrom is null)
            {
                values[name] = env.Value ?? "";
            }
        }

        return [.. command.Select(argument => ExpandOne(argument ?? "", values))];
    }

    private static string ExpandOne(string text, Dictionary<string, string> values)
    {
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$' || i + 1 == text.Length)
            {
                result.Append(text[i]);
                continue;
            }

            var next = text[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i++;
            }
            else if (next == '(' && text.IndexOf(')', i + 2) is var close and > 0)
            {
                var name = text[(i + 2)..close];
                result.Append(values.TryGetValue(name, out var value) ? value : text[i..(close + 1)]);
                i = close;
            }
            else
            {
                result.Append('$');
            }
        }

        return result.ToString();
    }
}
