namespace SharpKube.Client.Events;

/// <summary>Who records events and how repeats are aggregated and limited; the defaults follow upstream.</summary>
public sealed record EventRecorderOptions
{
    /// <summary>The recording component, e.g. <c>deployment-controller</c>: <c>source.component</c> and <c>reportingComponent</c>.</summary>
    public required string Component { get; init; }

    /// <summary>The host it runs on: <c>source.host</c>, and <c>reportingInstance</c> unless that is given.</summary>
    public string Host { get; init; } = Environment.MachineName;

    /// <summary>The <c>reportingInstance</c>; null uses <see cref="Host"/>.</summary>
    public string? ReportingInstance { get; init; }

    /// <summary>
    /// How long after its last occurrence an identical event (same object, type, reason and message) still counts
    /// as a repeat of the recorded one (its <c>count</c> and <c>lastTimestamp</c> go up) instead of a new Event.
    /// </summary>
    public TimeSpan AggregationWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many different messages similar events (same object, type and reason) may have within
    /// <see cref="AggregationWindow"/> before they are combined into one Event (upstream: 10).
    /// </summary>
    public int SimilarEventsLimit { get; init; } = 10;

    /// <summary>How many identical events may be written at once before the rate below applies (upstream: 25).</summary>
    public int SpamBurst { get; init; } = 25;

    /// <summary>How often an identical event may be written after the burst (upstream: once per 5 minutes).</summary>
    public TimeSpan SpamRefillInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many events may wait to be written; more are dropped rather than blocking the caller.</summary>
    public int QueueCapacity { get; init; } = 1000;

    /// <summary>How many distinct events are remembered for aggregation (the least recently seen are forgotten).</summary>
    public int CacheSize { get; init; } = 4096;

    /// <summary>The clock for timestamps, the aggregation window and the rate limit.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
