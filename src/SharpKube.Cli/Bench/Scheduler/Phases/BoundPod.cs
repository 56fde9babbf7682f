using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SharpKube.Cli.Bench.Scheduler.Phases;

/// <summary>
/// What <see cref="ScheduledPodCounter"/> reads of a pod: its metadata and the node it is bound to. Decoding the watch
/// into this instead of a whole <see cref="V1Pod"/> skips the containers and statuses, which were a third of the
/// benchmark's own CPU: the load generator should leave the two cores to the components it measures.
/// </summary>
internal sealed class BoundPod : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "v1";

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Pod";

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The part of the spec the counter reads.</summary>
    [JsonPropertyName("spec")]
    public BoundPodSpec? Spec { get; set; }
}

/// <summary>The node a pod is bound to (<c>spec.nodeName</c>).</summary>
internal sealed class BoundPodSpec
{
    /// <summary><c>spec.nodeName</c>.</summary>
    [JsonPropertyName("nodeName")]
    public string? NodeName { get; set; }
}
