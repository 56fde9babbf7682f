using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>authorization.k8s.io/v1: the four create-only access reviews, never stored.</summary>
internal static class AuthorizationV1Resources
{
    /// <summary>All authorization.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Review("LocalSubjectAccessReview", "localsubjectaccessreviews", "localsubjectaccessreview", namespaced: true) with
        {
            ModelType = typeof(V1LocalSubjectAccessReview),
        },
        Review("SelfSubjectAccessReview", "selfsubjectaccessreviews", "selfsubjectaccessreview", namespaced: false) with
        {
            ModelType = typeof(V1SelfSubjectAccessReview),
        },
        Review("SelfSubjectRulesReview", "selfsubjectrulesreviews", "selfsubjectrulesreview", namespaced: false) with
        {
            ModelType = typeof(V1SelfSubjectRulesReview),
        },
        Review("SubjectAccessReview", "subjectaccessreviews", "subjectaccessreview", namespaced: false) with
        {
            ModelType = typeof(V1SubjectAccessReview),
        },
    ];

    private static ResourceDefinition Review(string kind, string plural, string singular, bool namespaced) => new()
    {
        Group = "authorization.k8s.io", Version = "v1", Kind = kind, Plural = plural, Singular = singular,
        Namespaced = namespaced, Verbs = VerbSets.Create, Persisted = false,
    };
}
