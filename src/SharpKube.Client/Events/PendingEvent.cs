using k8s.Models;

namespace SharpKube.Client.Events;

/// <summary>An event as a controller reported it, waiting to be correlated and written.</summary>
internal sealed record PendingEvent(V1ObjectReference InvolvedObject, string Type, string Reason, string Message, DateTimeOffset Timestamp);
