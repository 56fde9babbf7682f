using System.Text;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// Expands a volumeMount's <c>subPathExpr</c> with the container's environment, with the syntax of Kubernetes
/// variable references: <c>$(NAME)</c> is the variable's value, <c>$$</c> is a literal <c>$</c>, and anything else
/// is kept as written.
/// </summary>
internal static class SubPathExpression
{
    /// <summary>
    /// The expanded expression, or null with <paramref name="missing"/> naming (sorted) every variable that is
    /// unset or empty, as upstream refuses those.
    /// </summary>
    public static string? Expand(string expression, IReadOnlyDictionary<string, string> environment, out IReadOnlyList<string> missing)
    {
        var result = new StringBuilder(expression.Length);
        var absent = new SortedSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < expression.Length)
        {
            if (expression[i] != '$' || i + 1 >= expression.Length)
            {
                result.Append(expression[i]);
                i++;
                continue;
            }
            var next = expression[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i += 2;
            }
            else if (next == '(' && expression.IndexOf(')', i + 2) is var close and >= 0)
            {
                var name = expression[(i + 2)..close];
                if (environment.TryGetValue(name, out var value) && value.Length > 0)
                {
                    result.Append(value);
                }
                else
                {
                    absent.Add(name);
                }
                i = close + 1;
            }
            else
            {
                result.Append('$').Append(next);
                i += 2;
            }
        }
        missing = [.. absent];
        return absent.Count == 0 ? result.ToString() : null;
    }
}
