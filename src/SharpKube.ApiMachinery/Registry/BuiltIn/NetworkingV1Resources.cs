using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>networking.k8s.io/v1: Ingresses, IngressClasses and NetworkPolicies.</summary>
internal static class NetworkingV1Resources
{
    /// <summary>All networking.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Networking("IngressClass", "ingressclasses", "ingressclass", namespaced: false) with
        {
            ModelType = typeof(V1IngressClass),
        },
        // Ingresses keep the key prefix they had in the extensions group.
        Networking("Ingress", "ingresses", "ingress", namespaced: true) with
        {
            ShortNames = ["ing"], StorageResource = "ingress", ModelType = typeof(V1Ingress),
            Subresources = [CommonSubresources.Status("Ingress")],
        },
        Networking("NetworkPolicy", "networkpolicies", "networkpolicy", namespaced: true) with
        {
            ShortNames = ["netpol"], ModelType = typeof(V1NetworkPolicy),
        },
    ];

    private static ResourceDefinition Networking(string kind, string plural, string singular, bool namespaced) => new()
    {
        Group = "networking.k8s.io", Version = "v1", Kind = kind, Plural = plural, Singular = singular,
        Namespaced = namespaced,
    };
}
