using System.Text.Json.Serialization;

namespace SharpKube.Kubelet.Stats.Api;

/// <summary>The summary's JSON shape: camelCase names, absent figures left out (upstream's <c>omitempty</c>), metav1 times.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(Rfc3339TimeConverter)])]
[JsonSerializable(typeof(Summary))]
public sealed partial class StatsJsonContext : JsonSerializerContext;
