namespace SharpKube.Client.Informers;

/// <summary>How an informer lists, watches and resyncs; the defaults follow upstream's reflector.</summary>
public sealed record SharedInformerOptions
{
    /// <summary>
    /// How often every cached object is handed to the handlers again as an UPDATE (old and new the same), so
    /// controllers re-check what they might have missed; null (the default) never resyncs.
    /// </summary>
    public TimeSpan? ResyncPeriod { get; init; }

    /// <summary>
    /// The <c>timeoutSeconds</c> each watch asks for, after which the server ends the stream and the informer
    /// re-watches from where it was; null picks a random 5–10 minutes per watch, as upstream does.
    /// </summary>
    public TimeSpan? WatchTimeout { get; init; }

    /// <summary>Page size of the LIST; 0 lists in one response.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>First wait after a failed list or watch; doubles per failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Longest wait between failed attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock for resyncs and backoff.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
