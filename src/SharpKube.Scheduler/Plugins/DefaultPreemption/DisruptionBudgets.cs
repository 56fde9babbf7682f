using k8s.Models;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// Which victims a PodDisruptionBudget would not let go (upstream's <c>filterPodsWithPDBViolation</c>): each budget
/// allows <c>status.disruptionsAllowed</c> disruptions of the pods its selector matches in its namespace (pods it
/// already counts as disrupted are free); a pod beyond that violates it.
/// </summary>
internal static class DisruptionBudgets
{
    /// <summary>Splits <paramref name="pods"/> (order kept) into those that violate a budget and those that do not.</summary>
    public static (List<PodInfo> Violating, List<PodInfo> NonViolating) Split(IReadOnlyList<PodInfo> pods, IReadOnlyList<V1PodDisruptionBudget> budgets)
    {
        var violating = new List<PodInfo>();
        var nonViolating = new List<PodInfo>();
        if (budgets.Count == 0)
        {
            nonViolating.AddRange(pods);
            return (violating, nonViolating);
        }
        var allowed = budgets.Select(b => b.Status?.DisruptionsAllowed ?? 0).ToArray();
        foreach (var pod in pods)
        {
            var violates = false;
            for (var i = 0; i < budgets.Count; i++)
            {
                var budget = budgets[i];
                if (budget.Metadata?.NamespaceProperty != pod.Namespace || !Matches(budget.Spec?.Selector, pod.Pod.Metadata?.Labels))
                {
                    continue;
                }
                if (budget.Status?.DisruptedPods?.ContainsKey(pod.Name) == true)
                {
                    continue;
                }
                if (--allowed[i] < 0)
                {
                    violates = true;
                }
            }
            (violates ? violating : nonViolating).Add(pod);
        }
        return (violating, nonViolating);
    }

    /// <summary>A label selector's match; an empty (or missing) selector matches nothing here, as upstream's check.</summary>
    internal static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0))
        {
            return false;
        }
        labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(expression.Key, out var actual);
            var values = expression.Values ?? [];
            var ok = expression.OperatorProperty switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}
