using System.Collections.Concurrent;

namespace SharpKube.Scheduler.Hosting;

/// <summary>
/// One shared instance of each string that many cached pods repeat — namespaces, node names, scheduler names, images,
/// policies, condition types, label keys and values — so 50,000 pods hold one "default-scheduler" rather than 50,000.
/// Bounded: past <see cref="Capacity"/> distinct strings, new ones are kept as they are.
/// </summary>
internal static class CachedStrings
{
    /// <summary>How many distinct strings are pooled at most.</summary>
    public const int Capacity = 100_000;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    /// <summary>The pooled instance equal to <paramref name="value"/> (null stays null).</summary>
    public static string? Share(string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (Pool.TryGetValue(value, out var shared))
        {
            return shared;
        }
        return Pool.Count < Capacity ? Pool.GetOrAdd(value, value) : value;
    }

    /// <summary>A copy of <paramref name="map"/> whose keys and values are pooled (null stays null).</summary>
    public static IDictionary<string, string>? Share(IDictionary<string, string>? map)
    {
        if (map is null)
        {
            return null;
        }
        var shared = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            shared[Share(key)!] = Share(value)!;
        }
        return shared;
    }
}
