using k8s.Models;

namespace SharpKube.Scheduler.Plugins.VolumeBinding;

/// <summary>A claim's <c>spec.selector</c> over a volume's labels: every matchLabels pair and every expression must hold.</summary>
internal static class ClaimSelector
{
    /// <summary>Whether <paramref name="labels"/> satisfy <paramref name="selector"/> (no selector: yes).</summary>
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null)
        {
            return true;
        }
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            string? actual = null;
            var present = labels is not null && labels.TryGetValue(expression.Key ?? "", out actual);
            var values = expression.Values ?? [];
            var holds = expression.OperatorProperty switch
            {
                "In" => present && values.Contains(actual!),
                "NotIn" => !present || !values.Contains(actual!),
                "Exists" => present,
                "DoesNotExist" => !present,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }
        return true;
    }
}
