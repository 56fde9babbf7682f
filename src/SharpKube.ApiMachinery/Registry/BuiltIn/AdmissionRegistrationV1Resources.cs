using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>admissionregistration.k8s.io/v1: admission webhooks and validating admission policies.</summary>
internal static class AdmissionRegistrationV1Resources
{
    /// <summary>All admissionregistration.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Admission("MutatingWebhookConfiguration", "mutatingwebhookconfigurations", "mutatingwebhookconfiguration") with
        {
            ModelType = typeof(V1MutatingWebhookConfiguration),
        },
        Admission("ValidatingAdmissionPolicy", "validatingadmissionpolicies", "validatingadmissionpolicy") with
        {
            ModelType = typeof(V1ValidatingAdmissionPolicy),
            Subresources = [CommonSubresources.Status("ValidatingAdmissionPolicy")],
        },
        Admission("ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", "validatingadmissionpolicybinding") with
        {
            ModelType = typeof(V1ValidatingAdmissionPolicyBinding),
        },
        Admission("ValidatingWebhookConfiguration", "validatingwebhookconfigurations", "validatingwebhookconfiguration") with
        {
            ModelType = typeof(V1ValidatingWebhookConfiguration),
        },
    ];

    private static ResourceDefinition Admission(string kind, string plural, string singular) => new()
    {
        Group = "admissionregistration.k8s.io", Version = "v1", Kind = kind, Plural = plural, Singular = singular,
        Namespaced = false, Categories = ["api-extensions"],
    };
}
