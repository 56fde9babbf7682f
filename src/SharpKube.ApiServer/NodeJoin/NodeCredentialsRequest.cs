namespace SharpKube.ApiServer.NodeJoin;

/// <summary>
/// The body of <c>POST /v1-sharpkube/node-credentials</c>: the node an agent joins as and the addresses its kubelet serves on.
/// </summary>
/// <param name="NodeName">The Node's name (a DNS-1123 subdomain); the client certificate is for <c>system:node:NAME</c>.</param>
/// <param name="Addresses">The node's IP addresses, written into the kubelet serving certificate.</param>
public sealed record NodeCredentialsRequest(string? NodeName, IReadOnlyList<string>? Addresses);
