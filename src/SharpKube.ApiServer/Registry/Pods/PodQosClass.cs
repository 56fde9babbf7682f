using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Quantities;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Computes a pod's QoS class (Guaranteed, Burstable, BestEffort) from its containers' cpu and memory.</summary>
public static class PodQosClass
{
    /// <summary>
    /// The QoS class: BestEffort without any cpu/memory request or limit; Guaranteed when every container
    /// limits both cpu and memory and the summed requests equal the summed limits; Burstable otherwise.
    /// Ephemeral containers do not count.
    /// </summary>
    public static string Compute(JsonObject? spec)
    {
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var guaranteed = true;
        foreach (var list in (string[])["containers", "initContainers"])
        {
            foreach (var (_, container) in (spec?.GetArray(list)).ObjectItems())
            {
                var resources = container.GetObject("resources");
                Accumulate(resources?.GetObject("requests"), requests);
                var found = Accumulate(resources?.GetObject("limits"), limits);
                if (!found.Contains("cpu") || !found.Contains("memory"))
                {
                    guaranteed = false;
                }
            }
        }
        if (requests.Count == 0 && limits.Count == 0)
        {
            return "BestEffort";
        }
        if (guaranteed && requests.All(r => limits.TryGetValue(r.Key, out var limit) && limit == r.Value) &&
            requests.Count == limits.Count)
        {
            return "Guaranteed";
        }
        return "Burstable";
    }

    private static HashSet<string> Accumulate(JsonObject? list, Dictionary<string, decimal> totals)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in list ?? [])
        {
            if (name is not ("cpu" or "memory") || !QuantityParser.TryParse(QuantityText(value), out var amount) || amount <= 0)
            {
                continue;
            }
            found.Add(name);
            totals[name] = totals.GetValueOrDefault(name) + amount;
        }
        return found;
    }

    /// <summary>A quantity as text: clients may send numbers (<c>cpu: 1</c>) as well as strings.</summary>
    public static string QuantityText(JsonNode? node) =>
        JsonObjectExtensions.AsString(node) ?? node?.ToJsonString() ?? "";
}
