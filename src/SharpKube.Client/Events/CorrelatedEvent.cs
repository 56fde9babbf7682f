using k8s.Models;

namespace SharpKube.Client.Events;

/// <summary>The Event to write: new (create it) or a repeat (update its count, lastTimestamp and message).</summary>
internal sealed record CorrelatedEvent(Corev1Event Event, bool IsRepeat);
