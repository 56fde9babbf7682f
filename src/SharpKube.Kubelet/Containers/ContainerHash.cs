using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace SharpKube.Kubelet.Containers;

/// <summary>
/// The hash the kubelet stamps on a container (<see cref="CriLabels.ContainerHash"/>) to notice that the spec it was
/// created from changed: FNV-1a (32 bit) of the container spec as JSON, in lower-case hex.
/// </summary>
/// <remarks>
/// Deliberate difference: upstream's value is not reproduced (it hashes a Go-specific dump). Like upstream since
/// in-place resize, the fields that may change without a restart (<c>resources</c>, <c>resizePolicy</c>) are left out,
/// so a resize does not look like a new container.
/// </remarks>
public static class ContainerHash
{
    /// <summary>The hash of <paramref name="container"/>.</summary>
    public static string Of(V1Container container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var json = JsonNode.Parse(KubernetesJson.Serialize(container))!.AsObject();
        json.Remove("resources");
        json.Remove("resizePolicy");
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(json.ToJsonString()))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash.ToString("x", CultureInfo.InvariantCulture);
    }
}
