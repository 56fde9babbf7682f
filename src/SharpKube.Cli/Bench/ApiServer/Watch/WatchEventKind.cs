namespace SharpKube.Cli.Bench.ApiServer.Watch;

/// <summary>The <c>type</c> of a watch event.</summary>
internal enum WatchEventKind
{
    /// <summary>A type this benchmark does not know.</summary>
    Other,

    /// <summary>ADDED.</summary>
    Added,

    /// <summary>MODIFIED.</summary>
    Modified,

    /// <summary>DELETED.</summary>
    Deleted,

    /// <summary>BOOKMARK: only a resourceVersion.</summary>
    Bookmark,

    /// <summary>ERROR: a Status, after which the server ends the watch.</summary>
    Error,
}
