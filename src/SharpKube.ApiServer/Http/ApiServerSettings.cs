namespace SharpKube.ApiServer.Http;

/// <summary>Tunables of request handling; defaults follow upstream.</summary>
public sealed record ApiServerSettings
{
    /// <summary>How often a watch that allows bookmarks gets one (upstream: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a read waits for the watch cache to reach a resourceVersion (upstream: 3 s).</summary>
    public TimeSpan CacheWaitTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the datastore's history is compacted (upstream: 5 minutes).</summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the watch cache keeps each resource's history for resuming watches (upstream: ~75 s); beyond
    /// its minimum size the history only grows while its oldest event is younger than this. Tests set it to
    /// zero to make history expire quickly.
    /// </summary>
    public TimeSpan WatchHistoryRetention { get; init; } = TimeSpan.FromSeconds(75);

    /// <summary>The shortest server-chosen watch timeout (upstream's min-request-timeout, 1800 s); the longest is twice it.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromSeconds(1800);
}
