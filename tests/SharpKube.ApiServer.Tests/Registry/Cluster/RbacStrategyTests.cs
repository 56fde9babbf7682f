using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry;
using SharpKube.ApiServer.Registry.Rbac;

namespace SharpKube.ApiServer.Tests.Registry.Cluster;

public sealed class RbacStrategyTests
{
    [Fact]
    public void Validate_RoleRules_NeedVerbsGroupsAndResources()
    {
        var errors = new FieldErrorList();

        RoleStrategy.Role.Validate(Json.Parse("""{"rules":[{"resources":["pods"]},{"verbs":["get"],"nonResourceURLs":["/healthz"]}]}"""), errors);

        Assert.Equal(
        [
            "rules[0].verbs: Required value: verbs must contain at least one value",
            "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
            "rules[1].nonResourceURLs: Invalid value: []string{\"/healthz\"}: namespaced rules cannot apply to non-resource URLs",
        ], Errors.Lines(errors));
        Assert.Equal(NameRule.PathSegment, RoleStrategy.ClusterRole.NameRule);
    }

    [Fact]
    public void PrepareForCreate_DefaultsApiGroupsOfRoleRefAndUserSubjects()
    {
        var binding = Json.Parse("""
            {"roleRef":{"kind":"ClusterRole","name":"view"},
             "subjects":[{"kind":"User","name":"alice"},{"kind":"ServiceAccount","name":"sa","namespace":"ns"}]}
            """);

        RoleBindingStrategy.ClusterRoleBinding.PrepareForCreate(binding);
        var errors = new FieldErrorList();
        RoleBindingStrategy.ClusterRoleBinding.Validate(binding, errors);

        Assert.Empty(errors);
        Assert.Equal("rbac.authorization.k8s.io", binding["roleRef"]!["apiGroup"]!.GetValue<string>());
        Assert.Equal("rbac.authorization.k8s.io", binding["subjects"]![0]!["apiGroup"]!.GetValue<string>());
        Assert.Null(binding["subjects"]![1]!["apiGroup"]);
    }

    [Fact]
    public void ValidateUpdate_ChangedRoleRef_CannotChange()
    {
        var old = Json.Parse("""{"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"a"}}""");
        var updated = (JsonObject)old.DeepClone();
        updated["roleRef"]!["name"] = "b";
        var errors = new FieldErrorList();

        RoleBindingStrategy.RoleBinding.ValidateUpdate(updated, old, errors);

        Assert.Equal("roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"Role\", Name:\"b\"}: cannot change roleRef",
            Assert.Single(errors).ToString());
    }
}
