using k8s.Models;

namespace SharpKube.Controllers.EndpointSlice;

/// <summary>The labels and owner of the EndpointSlices this controller manages for a Service.</summary>
public static class EndpointSliceLabels
{
    /// <summary>The label naming a slice's service.</summary>
    public const string ServiceName = "kubernetes.io/service-name";

    /// <summary>The label naming a slice's manager.</summary>
    public const string ManagedBy = "endpointslice.kubernetes.io/managed-by";

    /// <summary>This controller's value of <see cref="ManagedBy"/>.</summary>
    public const string Controller = "endpointslice-controller.k8s.io";

    /// <summary>The label marking the slices (and Endpoints) of a headless service.</summary>
    public const string Headless = "service.kubernetes.io/headless";

    /// <summary>The service's labels (minus the ones the controller sets) plus the controller's own.</summary>
    public static Dictionary<string, string> For(V1Service service)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in service.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            if (key is not (ServiceName or ManagedBy or Headless))
            {
                labels[key] = value;
            }
        }
        labels[ServiceName] = service.Metadata!.Name;
        labels[ManagedBy] = Controller;
        if (service.Spec?.ClusterIP == "None")
        {
            labels[Headless] = "";
        }
        return labels;
    }

    /// <summary>The controller owner reference every managed slice carries.</summary>
    public static V1OwnerReference Owner(V1Service service) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Name = service.Metadata!.Name,
        Uid = service.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>Whether this controller manages <paramref name="slice"/>.</summary>
    public static bool IsManaged(V1EndpointSlice slice) =>
        slice.Metadata?.Labels is { } labels && labels.TryGetValue(ManagedBy, out var manager) && manager == Controller
        && labels.ContainsKey(ServiceName);

    /// <summary>The service key (<c>namespace/name</c>) a managed slice belongs to.</summary>
    public static string ServiceKey(V1EndpointSlice slice) =>
        slice.Metadata!.NamespaceProperty + "/" + slice.Metadata.Labels[ServiceName];
}
