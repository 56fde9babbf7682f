using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.Rbac;

/// <summary>Validates the <c>rules</c> of Roles and ClusterRoles.</summary>
public static class PolicyRuleValidation
{
    /// <summary>Each rule needs verbs, and either resources with API groups or (cluster-wide only) non-resource URLs.</summary>
    public static void Validate(JsonArray? rules, bool namespaced, FieldErrorList errors)
    {
        foreach (var (index, rule) in rules.ObjectItems())
        {
            var path = $"rules[{index}]";
            if (rule.GetArray("verbs").CountOf() == 0)
            {
                errors.Required(path + ".verbs", "verbs must contain at least one value");
            }
            var urls = rule.GetArray("nonResourceURLs");
            if (urls.CountOf() > 0)
            {
                if (namespaced)
                {
                    errors.InvalidRaw(path + ".nonResourceURLs", GoValueFormat.StringSlice(urls), "namespaced rules cannot apply to non-resource URLs");
                }
                if (rule.GetArray("apiGroups").CountOf() > 0 || rule.GetArray("resources").CountOf() > 0 || rule.GetArray("resourceNames").CountOf() > 0)
                {
                    errors.InvalidRaw(path + ".nonResourceURLs", GoValueFormat.StringSlice(urls), "rules cannot apply to both regular resources and non-resource URLs");
                }
                continue;
            }
            if (rule.GetArray("apiGroups").CountOf() == 0)
            {
                errors.Required(path + ".apiGroups", "resource rules must supply at least one api group");
            }
            if (rule.GetArray("resources").CountOf() == 0)
            {
                errors.Required(path + ".resources", "resource rules must supply at least one resource");
            }
        }
    }

    /// <summary>Validates a ClusterRole's aggregation selectors.</summary>
    public static void ValidateAggregation(JsonObject? aggregationRule, FieldErrorList errors)
    {
        foreach (var (index, selector) in (aggregationRule?.GetArray("clusterRoleSelectors")).ObjectItems())
        {
            LabelSelectorValidation.Validate(selector, $"aggregationRule.clusterRoleSelectors[{index}]", errors);
        }
    }
}
