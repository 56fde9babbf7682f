using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>certificates.k8s.io/v1: CertificateSigningRequests.</summary>
internal static class CertificatesV1Resources
{
    /// <summary>All certificates.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new()
        {
            Group = "certificates.k8s.io", Version = "v1", Kind = "CertificateSigningRequest",
            Plural = "certificatesigningrequests", Singular = "certificatesigningrequest", Namespaced = false,
            ShortNames = ["csr"], ModelType = typeof(V1CertificateSigningRequest),
            Subresources =
            [
                new("approval", "CertificateSigningRequest", VerbSets.GetPatchUpdate),
                CommonSubresources.Status("CertificateSigningRequest"),
            ],
        },
    ];
}
