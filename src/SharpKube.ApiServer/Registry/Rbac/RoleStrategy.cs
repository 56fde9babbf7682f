using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Rbac;

/// <summary>rbac.authorization.k8s.io/v1 Role and ClusterRole: path-segment names and rule validation.</summary>
public sealed class RoleStrategy(bool namespaced) : ResourceStrategy
{
    /// <summary>The strategy of Roles.</summary>
    public static RoleStrategy Role { get; } = new(namespaced: true);

    /// <summary>The strategy of ClusterRoles.</summary>
    public static RoleStrategy ClusterRole { get; } = new(namespaced: false);

    /// <inheritdoc/>
    public override NameRule NameRule => NameRule.PathSegment;

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        PolicyRuleValidation.Validate(obj.GetArray("rules"), namespaced, errors);
        if (!namespaced)
        {
            PolicyRuleValidation.ValidateAggregation(obj.GetObject("aggregationRule"), errors);
        }
    }
}
