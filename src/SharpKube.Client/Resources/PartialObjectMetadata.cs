using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SharpKube.Client.Resources;

/// <summary>
/// Any object seen only through its <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> (upstream's
/// <c>meta.k8s.io/v1 PartialObjectMetadata</c>, which KubernetesClient does not model). Reading any resource as this
/// type drops everything else, so a cache of every resource (the garbage collector's) stays small.
/// </summary>
public sealed class PartialObjectMetadata : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    /// <remarks>Null until read or set: list items often leave it out, and the resource client fills it in then.</remarks>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <inheritdoc/>
    /// <remarks>Null until read or set, like <see cref="ApiVersion"/>.</remarks>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();
}
