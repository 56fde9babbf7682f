using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>The addresses of a Service's or an Ingress's load balancer status, as upstream lists them.</summary>
internal static class LoadBalancerIngress
{
    /// <summary>
    /// Each ingress point's IP, or its hostname when it has no IP; distinct and sorted. Server-side
    /// tables are built wide, so the list is never shortened.
    /// </summary>
    public static List<string> Addresses(JsonElement loadBalancerStatus)
    {
        var addresses = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ingress in loadBalancerStatus.Field("ingress").Items())
        {
            var address = ingress.Field("ip").Text() is { Length: > 0 } ip ? ip : ingress.Field("hostname").Text();
            if (address.Length > 0)
            {
                addresses.Add(address);
            }
        }
        return [.. addresses];
    }
}
