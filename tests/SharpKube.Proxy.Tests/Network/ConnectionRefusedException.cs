namespace SharpKube.Proxy.Tests.Network;

/// <summary>The service refused the request: a TCP reset or an ICMP port unreachable came back.</summary>
public sealed class ConnectionRefusedException(string message, Exception inner) : Exception(message, inner);
