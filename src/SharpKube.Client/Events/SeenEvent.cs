using SharpKube.Client.WorkQueues;

namespace SharpKube.Client.Events;

/// <summary>What the recorder remembers of one distinct event: the Event it wrote, its count, and its rate limit.</summary>
internal sealed class SeenEvent(TokenBucket spam)
{
    public TokenBucket Spam { get; } = spam;

    /// <summary>The written Event's name; null until the event was first let through.</summary>
    public string? Name { get; set; }

    public int Count { get; set; }

    public DateTimeOffset FirstTimestamp { get; set; }

    public DateTimeOffset LastTimestamp { get; set; }
}
