namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>
/// authorization.k8s.io/v1 SelfSubjectAccessReview and SelfSubjectRulesReview; authentication.k8s.io/v1
/// SelfSubjectReview and TokenRequest.
/// </summary>
internal static class AuthSchema
{
    /// <summary>Registers the messages and kinds.</summary>
    public static void Register(ProtoSchema s)
    {
        s.Define("authz.SelfSubjectAccessReview").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "authz.SelfSubjectAccessReviewSpec");
        s.Define("authz.SelfSubjectAccessReviewSpec").Msg(1, "resourceAttributes", "authz.ResourceAttributes", pointer: true)
            .Msg(2, "nonResourceAttributes", "authz.NonResourceAttributes", pointer: true);
        s.Define("authz.ResourceAttributes").Str(1, "namespace").Str(2, "verb").Str(3, "group").Str(4, "version")
            .Str(5, "resource").Str(6, "subresource").Str(7, "name")
            .Msg(8, "fieldSelector", "authz.SelectorAttributes", pointer: true)
            .Msg(9, "labelSelector", "authz.SelectorAttributes", pointer: true);
        // FieldSelectorAttributes and LabelSelectorAttributes: {1 rawSelector, 2 requirements}.
        s.Define("authz.SelectorAttributes").Str(1, "rawSelector").Msgs(2, "requirements", "meta.LabelSelectorRequirement");
        s.Define("authz.NonResourceAttributes").Str(1, "path").Str(2, "verb");
        s.Kind("authorization.k8s.io/v1", "SelfSubjectAccessReview", "authz.SelfSubjectAccessReview");

        s.Define("authz.SelfSubjectRulesReview").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "authz.SelfSubjectRulesReviewSpec");
        s.Define("authz.SelfSubjectRulesReviewSpec").Str(1, "namespace");
        s.Kind("authorization.k8s.io/v1", "SelfSubjectRulesReview", "authz.SelfSubjectRulesReview");

        s.Define("authn.SelfSubjectReview").Msg(1, "metadata", "meta.ObjectMeta");
        s.Kind("authentication.k8s.io/v1", "SelfSubjectReview", "authn.SelfSubjectReview");
        s.Kind("authentication.k8s.io/v1beta1", "SelfSubjectReview", "authn.SelfSubjectReview");

        s.Define("authn.TokenRequest").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "authn.TokenRequestSpec");
        s.Define("authn.TokenRequestSpec").Strs(1, "audiences").Msg(3, "boundObjectRef", "authn.BoundObjectReference", pointer: true)
            .I64(4, "expirationSeconds", pointer: true);
        s.Define("authn.BoundObjectReference").Str(1, "kind").Str(2, "apiVersion").Str(3, "name").Str(4, "uid");
        s.Kind("authentication.k8s.io/v1", "TokenRequest", "authn.TokenRequest");
    }
}
