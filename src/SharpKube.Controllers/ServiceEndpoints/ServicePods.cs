using k8s.Models;

namespace SharpKube.Controllers.ServiceEndpoints;

/// <summary>Which pods back a Service: those in its namespace whose labels carry every pair of its selector.</summary>
public static class ServicePods
{
    /// <summary>Whether the service selects pods at all (a service without a selector has hand-made endpoints).</summary>
    public static bool HasSelector(V1Service service) => service.Spec?.Selector is { Count: > 0 };

    /// <summary>Whether <paramref name="labels"/> match the service's selector.</summary>
    public static bool Selects(V1Service service, IDictionary<string, string>? labels)
    {
        if (!HasSelector(service))
        {
            return false;
        }
        foreach (var (key, value) in service.Spec!.Selector)
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Whether the pod can be an endpoint at all: it has an IP and has not finished (a Succeeded or Failed pod
    /// never serves again).
    /// </summary>
    public static bool IsCandidate(V1Pod pod) =>
        !string.IsNullOrEmpty(pod.Status?.PodIP) && pod.Status?.Phase is not ("Succeeded" or "Failed");

    /// <summary>Whether the pod's Ready condition is True.</summary>
    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") ?? false;

    /// <summary>Whether the pod is being deleted.</summary>
    public static bool IsTerminating(V1Pod pod) => pod.Metadata?.DeletionTimestamp is not null;

    /// <summary>
    /// The pod's DNS hostname within the service: its <c>spec.hostname</c> when its <c>spec.subdomain</c> names the
    /// service.
    /// </summary>
    public static string? Hostname(V1Pod pod, V1Service service) =>
        pod.Spec is { Hostname.Length: > 0 } spec && spec.Subdomain == service.Metadata?.Name ? spec.Hostname : null;
}
