namespace SharpKube.Client.Events;

/// <summary>The distinct messages recently recorded for one object, type and reason, and when the last one was.</summary>
internal sealed class SimilarEvents
{
    public HashSet<string> Messages { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset LastTimestamp { get; set; }
}
