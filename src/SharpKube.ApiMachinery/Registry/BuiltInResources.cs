using SharpKube.ApiMachinery.Registry.BuiltIn;

namespace SharpKube.ApiMachinery.Registry;

/// <summary>
/// The built-in resources of Kubernetes v1.32 that SharpKube serves: every GA group/version upstream enables by
/// default. Groups come in the order kube-apiserver lists them under <c>/apis</c> (its group priorities, highest
/// first), preceded by the core group; within a group the preferred version comes first and resources are
/// sorted by name.
/// </summary>
public static class BuiltInResources
{
    /// <summary>All built-in resource definitions.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        .. CoreV1Resources.All,
        .. ApiRegistrationV1Resources.All,
        .. AppsV1Resources.All,
        .. EventsV1Resources.All,
        .. AuthenticationV1Resources.All,
        .. AuthorizationV1Resources.All,
        .. AutoscalingResources.All,
        .. BatchV1Resources.All,
        .. CertificatesV1Resources.All,
        .. NetworkingV1Resources.All,
        .. PolicyV1Resources.All,
        .. RbacV1Resources.All,
        .. StorageV1Resources.All,
        .. AdmissionRegistrationV1Resources.All,
        .. ApiExtensionsV1Resources.All,
        .. SchedulingV1Resources.All,
        .. CoordinationV1Resources.All,
        .. NodeV1Resources.All,
        .. DiscoveryV1Resources.All,
        .. FlowControlV1Resources.All,
    ];
}
