using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.Rbac;

/// <summary>
/// rbac.authorization.k8s.io/v1 RoleBinding and ClusterRoleBinding: roleRef and subject API groups default to
/// the RBAC group (users, groups); the role reference is checked and never changes.
/// </summary>
public sealed class RoleBindingStrategy(bool namespaced) : ResourceStrategy
{
    /// <summary>The RBAC API group.</summary>
    public const string GroupName = "rbac.authorization.k8s.io";

    /// <summary>The strategy of RoleBindings.</summary>
    public static RoleBindingStrategy RoleBinding { get; } = new(namespaced: true);

    /// <summary>The strategy of ClusterRoleBindings.</summary>
    public static RoleBindingStrategy ClusterRoleBinding { get; } = new(namespaced: false);

    /// <inheritdoc/>
    public override NameRule NameRule => NameRule.PathSegment;

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        obj.EnsureObject("roleRef").SetIfEmpty("apiGroup", GroupName);
        foreach (var (_, subject) in obj.GetArray("subjects").ObjectItems())
        {
            if (subject.GetStringOrEmpty("kind") is "User" or "Group")
            {
                subject.SetIfEmpty("apiGroup", GroupName);
            }
        }
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var roleRef = obj.GetObject("roleRef") ?? [];
        var apiGroup = roleRef.GetStringOrEmpty("apiGroup");
        if (apiGroup != GroupName)
        {
            errors.NotSupported("roleRef.apiGroup", apiGroup, [GroupName]);
        }
        var kind = roleRef.GetStringOrEmpty("kind");
        string[] kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
        if (!kinds.Contains(kind))
        {
            errors.NotSupported("roleRef.kind", kind, kinds);
        }
        var name = roleRef.GetStringOrEmpty("name");
        if (name.Length == 0)
        {
            errors.Required("roleRef.name");
        }
        foreach (var message in NameFormat.PathSegment(name))
        {
            errors.Invalid("roleRef.name", name, message);
        }
        foreach (var (index, subject) in obj.GetArray("subjects").ObjectItems())
        {
            ValidateSubject(subject, $"subjects[{index}]", errors);
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        if (!SemanticEquality.AreEqual(obj["roleRef"], old["roleRef"]))
        {
            var roleRef = obj.GetObject("roleRef") ?? [];
            errors.InvalidRaw("roleRef",
                $"rbac.RoleRef{{APIGroup:{FieldErrorList.Quote(roleRef.GetStringOrEmpty("apiGroup"))}, Kind:{FieldErrorList.Quote(roleRef.GetStringOrEmpty("kind"))}, Name:{FieldErrorList.Quote(roleRef.GetStringOrEmpty("name"))}}}",
                "cannot change roleRef");
        }
    }

    private void ValidateSubject(JsonObject subject, string path, FieldErrorList errors)
    {
        var name = subject.GetStringOrEmpty("name");
        if (name.Length == 0)
        {
            errors.Required(path + ".name");
        }
        var apiGroup = subject.GetStringOrEmpty("apiGroup");
        switch (subject.GetStringOrEmpty("kind"))
        {
            case "ServiceAccount":
                foreach (var message in name.Length > 0 ? NameFormat.Dns1123Subdomain(name) : [])
                {
                    errors.Invalid(path + ".name", name, message);
                }
                if (apiGroup.Length > 0)
                {
                    errors.NotSupported(path + ".apiGroup", apiGroup, [""]);
                }
                if (!namespaced && subject.GetStringOrEmpty("namespace").Length == 0)
                {
                    errors.Required(path + ".namespace");
                }
                break;
            case "User" or "Group":
                if (apiGroup != GroupName)
                {
                    errors.NotSupported(path + ".apiGroup", apiGroup, [GroupName]);
                }
                break;
            case var kind:
                errors.NotSupported(path + ".kind", kind, ["ServiceAccount", "User", "Group"]);
                break;
        }
    }
}
