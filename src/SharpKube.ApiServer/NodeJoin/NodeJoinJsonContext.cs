using System.Text.Json.Serialization;

namespace SharpKube.ApiServer.NodeJoin;

/// <summary>The JSON of the node-join endpoints (camelCase, without reflection), shared by the server and the agent.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(NodeCredentialsRequest))]
[JsonSerializable(typeof(NodeCredentials))]
public sealed partial class NodeJoinJsonContext : JsonSerializerContext;
