namespace SharpKube.Client.Resources;

/// <summary>The query of a WATCH request.</summary>
public sealed record WatchRequest
{
    /// <summary>A label selector, e.g. <c>app=web</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector, e.g. <c>metadata.name=x</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>
    /// Where to start: the changes after this version. Null or <c>0</c> start with an ADDED event per existing object.
    /// </summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Asks the server for BOOKMARK events carrying its progress.</summary>
    public bool AllowWatchBookmarks { get; init; }

    /// <summary>Asks the server to end the stream after this long; null leaves it to the server.</summary>
    public int? TimeoutSeconds { get; init; }
}
