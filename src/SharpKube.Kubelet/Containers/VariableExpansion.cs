using System.Text;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Containers;

/// <summary>
/// Kubernetes' <c>$(VAR)</c> expansion in env values, commands and args: a reference to a known variable becomes its
/// value, an unknown one stays as written, <c>$$</c> is an escaped <c>$</c>, and a <c>$</c> before anything else or an
/// unclosed <c>$(</c> stays as it is.
/// </summary>
public static class VariableExpansion
{
    /// <summary>
    /// <paramref name="input"/> with its references expanded; <paramref name="lookup"/> returns a variable's value, or
    /// null when it is not defined.
    /// </summary>
    public static string Expand(string input, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lookup);
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return input;
        }
        var output = new StringBuilder(input.Length);
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (c != '$' || i + 1 >= input.Length)
            {
                output.Append(c);
                i++;
                continue;
            }
            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i += 2;
            }
            else if (next == '(' && input.IndexOf(')', i + 2) is var close and >= 0)
            {
                var name = input[(i + 2)..close];
                output.Append(lookup(name) ?? $"$({name})");
                i = close + 1;
            }
            else if (next == '(')
            {
                // An unclosed reference: keep "$(" and carry on after it.
                output.Append("$(");
                i += 2;
            }
            else
            {
                output.Append('$').Append(next);
                i += 2;
            }
        }
        return output.ToString();
    }

    /// <summary>A lookup over an environment list where, as upstream, a later definition of a name wins.</summary>
    public static Func<string, string?> LookupIn(IEnumerable<KeyValue> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in environment)
        {
            map[variable.Key] = variable.Value;
        }
        return name => map.GetValueOrDefault(name);
    }
}
