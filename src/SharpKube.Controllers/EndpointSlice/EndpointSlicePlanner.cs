using k8s;
using k8s.Models;

namespace SharpKube.Controllers.EndpointSlice;

/// <summary>
/// Works out which EndpointSlices to create, update and delete so a service's slices hold its desired endpoints:
/// an endpoint stays in the slice it is in, new endpoints fill slices with room before new slices are made, no
/// slice holds more than <see cref="MaxEndpointsPerSlice"/>, and a service without endpoints keeps one empty
/// placeholder slice.
/// </summary>
public static class EndpointSlicePlanner
{
    /// <summary>Upstream's <c>--max-endpoints-per-slice</c> default.</summary>
    public const int MaxEndpointsPerSlice = 100;

    /// <summary>The writes to make.</summary>
    /// <param name="Create">Slices to create (with generateName).</param>
    /// <param name="Update">Existing slices with new contents.</param>
    /// <param name="Delete">Existing slices no longer needed.</param>
    public sealed record Plan(List<V1EndpointSlice> Create, List<V1EndpointSlice> Update, List<V1EndpointSlice> Delete);

    /// <summary>Plans the writes for <paramref name="service"/> from its desired endpoints and its existing managed slices.</summary>
    public static Plan For(V1Service service, DesiredSlices desired, IReadOnlyList<V1EndpointSlice> existing)
    {
        var plan = new Plan([], [], []);
        var bySignature = existing.OrderBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .GroupBy(DesiredSlices.SignatureOf, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (desired.Groups.Values.All(g => g.Endpoints.Count == 0))
        {
            PlanPlaceholder(service, existing, plan);
            return plan;
        }
        foreach (var (signature, group) in desired.Groups)
        {
            PlanGroup(service, group, bySignature.GetValueOrDefault(signature) ?? [], plan);
        }
        plan.Delete.AddRange(bySignature.Where(g => !desired.Groups.ContainsKey(g.Key)).SelectMany(g => g.Value));
        return plan;
    }

    private static void PlanGroup(V1Service service, DesiredSlices.PortGroup group, List<V1EndpointSlice> slices, Plan plan)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var contents = new List<(V1EndpointSlice? Existing, List<V1Endpoint> Endpoints)>();
        foreach (var slice in slices)
        {
            var kept = new List<V1Endpoint>();
            foreach (var endpoint in slice.Endpoints ?? [])
            {
                var key = KeyOf(endpoint);
                if (key is not null && group.Endpoints.TryGetValue(key, out var wanted) && placed.Add(key) && kept.Count < MaxEndpointsPerSlice)
                {
                    kept.Add(wanted);
                }
            }
            contents.Add((slice, kept));
        }
        var remaining = new Queue<V1Endpoint>(group.Endpoints.Where(e => !placed.Contains(e.Key)).Select(e => e.Value));
        foreach (var (_, endpoints) in contents)
        {
            while (endpoints.Count < MaxEndpointsPerSlice && remaining.Count > 0)
            {
                endpoints.Add(remaining.Dequeue());
            }
        }
        while (remaining.Count > 0)
        {
            var chunk = new List<V1Endpoint>();
            while (chunk.Count < MaxEndpointsPerSlice && remaining.Count > 0)
            {
                chunk.Add(remaining.Dequeue());
            }
            contents.Add((null, chunk));
        }
        foreach (var (slice, endpoints) in contents)
        {
            if (endpoints.Count == 0)
            {
                plan.Delete.Add(slice!);
                continue;
            }
            var wanted = Build(service, slice, group.AddressType, group.Ports, endpoints);
            if (slice is null)
            {
                plan.Create.Add(wanted);
            }
            else if (!Same(slice, wanted))
            {
                plan.Update.Add(wanted);
            }
        }
    }

    private static void PlanPlaceholder(V1Service service, IReadOnlyList<V1EndpointSlice> existing, Plan plan)
    {
        var keep = existing.OrderBy(s => s.Metadata.Name, StringComparer.Ordinal).FirstOrDefault();
        var placeholder = Build(service, keep, keep?.AddressType ?? "IPv4", null, []);
        if (keep is null)
        {
            plan.Create.Add(placeholder);
        }
        else if (!Same(keep, placeholder))
        {
            plan.Update.Add(placeholder);
        }
        plan.Delete.AddRange(existing.Where(s => !ReferenceEquals(s, keep)));
    }

    private static V1EndpointSlice Build(V1Service service, V1EndpointSlice? existing, string addressType,
        List<Discoveryv1EndpointPort>? ports, List<V1Endpoint> endpoints) => new()
        {
            ApiVersion = "discovery.k8s.io/v1",
            Kind = "EndpointSlice",
            Metadata = new V1ObjectMeta
            {
                Name = existing?.Metadata.Name,
                GenerateName = existing is null ? GenerateNameFor(service) : null,
                NamespaceProperty = service.Metadata.NamespaceProperty,
                ResourceVersion = existing?.Metadata.ResourceVersion,
                Labels = EndpointSliceLabels.For(service),
                Annotations = existing?.Metadata.Annotations,
                OwnerReferences = [EndpointSliceLabels.Owner(service)],
            },
            AddressType = addressType,
            Ports = ports,
            Endpoints = endpoints,
        };

    /// <summary>Slices are named after their service, cut so the generated name fits in 63 characters.</summary>
    private static string GenerateNameFor(V1Service service)
    {
        var prefix = service.Metadata.Name + "-";
        return prefix.Length > 58 ? prefix[..57] + "-" : prefix;
    }

    private static bool Same(V1EndpointSlice current, V1EndpointSlice wanted) =>
        current.AddressType == wanted.AddressType
        && Json(current.Ports) == Json(wanted.Ports)
        && Json(current.Endpoints ?? []) == Json(wanted.Endpoints ?? [])
        && Json(new SortedDictionary<string, string>(current.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal))
            == Json(new SortedDictionary<string, string>(wanted.Metadata.Labels, StringComparer.Ordinal))
        && Json(current.Metadata.OwnerReferences) == Json(wanted.Metadata.OwnerReferences);

    private static string Json(object? value) => value is null ? "null" : KubernetesJson.Serialize(value);

    private static string? KeyOf(V1Endpoint endpoint) => endpoint.TargetRef?.Uid ?? endpoint.TargetRef?.Name;
}
