namespace SharpKube.Storage;

/// <summary>What a watch event reports.</summary>
public enum WatchEventType
{
    /// <summary>The key was created.</summary>
    Created,

    /// <summary>The key's value was replaced.</summary>
    Updated,

    /// <summary>The key was deleted (explicitly or because its TTL expired).</summary>
    Deleted,
}
