namespace SharpKube.Proxy.Tests.Network;

/// <summary>No answer came before the request's deadline.</summary>
public sealed class RequestTimedOutException(string message) : Exception(message);
