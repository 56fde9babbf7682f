namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding, ClusterRoleBinding.</summary>
internal static class RbacV1Schema
{
    /// <summary>Registers the messages and kinds.</summary>
    public static void Register(ProtoSchema s)
    {
        const string Rbac = "rbac.authorization.k8s.io/v1";
        s.Define("rbac.Role").Msg(1, "metadata", "meta.ObjectMeta").Msgs(2, "rules", "rbac.PolicyRule")
            .Msg(3, "aggregationRule", "rbac.AggregationRule", pointer: true);
        s.Define("rbac.PolicyRule").Strs(1, "verbs").Strs(2, "apiGroups").Strs(3, "resources").Strs(4, "resourceNames")
            .Strs(5, "nonResourceURLs");
        s.Define("rbac.AggregationRule").Msgs(1, "clusterRoleSelectors", "meta.LabelSelector");
        s.Define("rbac.RoleBinding").Msg(1, "metadata", "meta.ObjectMeta").Msgs(2, "subjects", "rbac.Subject")
            .Msg(3, "roleRef", "rbac.RoleRef");
        s.Define("rbac.Subject").Str(1, "kind").Str(2, "apiGroup").Str(3, "name").Str(4, "namespace");
        s.Define("rbac.RoleRef").Str(1, "apiGroup").Str(2, "kind").Str(3, "name");
        // Role has no field 3; ClusterRole adds aggregationRule there, so one table serves both.
        s.Kind(Rbac, "Role", "rbac.Role");
        s.Kind(Rbac, "ClusterRole", "rbac.Role");
        s.Kind(Rbac, "RoleBinding", "rbac.RoleBinding");
        s.Kind(Rbac, "ClusterRoleBinding", "rbac.RoleBinding");
    }
}
