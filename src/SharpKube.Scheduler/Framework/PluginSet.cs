namespace SharpKube.Scheduler.Framework;

/// <summary>The plugins enabled and disabled at one extension point (or at all of them, for multiPoint), as upstream's config.</summary>
public sealed record PluginSet
{
    /// <summary>Nothing enabled or disabled.</summary>
    public static readonly PluginSet Empty = new();

    /// <summary>The plugins enabled, in order.</summary>
    public IReadOnlyList<PluginRef> Enabled { get; init; } = [];

    /// <summary>The plugins disabled; <c>*</c> disables every plugin the multiPoint list would enable here.</summary>
    public IReadOnlyList<string> Disabled { get; init; } = [];
}
