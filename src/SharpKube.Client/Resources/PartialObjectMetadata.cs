using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SharpKube.Client.Resources;

/// <summary>
/// Any object seen through its metadata only, as upstream's <c>meta.k8s.io/v1 PartialObjectMetadata</c>: what a
/// controller that works across every resource (the namespace controller, a garbage collector) reads and deletes
/// through a <see cref="ResourceClient{T}"/> built for an <see cref="ApiResource"/> found by discovery.
/// KubernetesClient 21 has no model for it; the other fields of the object are ignored when reading.
/// </summary>
public sealed class PartialObjectMetadata : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();
}
