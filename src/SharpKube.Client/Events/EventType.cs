namespace SharpKube.Client.Events;

/// <summary>The two types of core/v1 Events.</summary>
public static class EventType
{
    /// <summary>Nothing to worry about: progress, a successful action.</summary>
    public const string Normal = "Normal";

    /// <summary>Something may be wrong: a failure, a refused action.</summary>
    public const string Warning = "Warning";
}
