using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>authentication.k8s.io/v1: create-only reviews answered from the request, never stored.</summary>
internal static class AuthenticationV1Resources
{
    /// <summary>All authentication.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Review("SelfSubjectReview", "selfsubjectreviews", "selfsubjectreview") with
        {
            ModelType = typeof(V1SelfSubjectReview),
        },
        Review("TokenReview", "tokenreviews", "tokenreview") with
        {
            ModelType = typeof(V1TokenReview),
        },
    ];

    private static ResourceDefinition Review(string kind, string plural, string singular) => new()
    {
        Group = "authentication.k8s.io", Version = "v1", Kind = kind, Plural = plural, Singular = singular,
        Namespaced = false, Verbs = VerbSets.Create, Persisted = false,
    };
}
