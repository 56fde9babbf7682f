using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>rbac.authorization.k8s.io/v1: roles and their bindings.</summary>
internal static class RbacV1Resources
{
    /// <summary>All rbac.authorization.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Rbac("ClusterRoleBinding", "clusterrolebindings", "clusterrolebinding", namespaced: false) with
        {
            ModelType = typeof(V1ClusterRoleBinding),
        },
        Rbac("ClusterRole", "clusterroles", "clusterrole", namespaced: false) with
        {
            ModelType = typeof(V1ClusterRole),
        },
        Rbac("RoleBinding", "rolebindings", "rolebinding", namespaced: true) with
        {
            ModelType = typeof(V1RoleBinding),
        },
        Rbac("Role", "roles", "role", namespaced: true) with
        {
            ModelType = typeof(V1Role),
        },
    ];

    private static ResourceDefinition Rbac(string kind, string plural, string singular, bool namespaced) => new()
    {
        Group = "rbac.authorization.k8s.io", Version = "v1", Kind = kind, Plural = plural, Singular = singular,
        Namespaced = namespaced,
    };
}
