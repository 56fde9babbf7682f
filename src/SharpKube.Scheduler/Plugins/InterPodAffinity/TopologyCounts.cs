using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// Counts (or score sums) per topology domain, keyed by topology key then value (upstream's
/// <c>topologyToMatchedTermCount</c> and <c>scoreMap</c>). Entries that reach zero are dropped, so
/// <see cref="IsEmpty"/> means no domain counts. Reading (<see cref="Get(string, TopologyValue)"/>, <see cref="AnyPositive"/>,
/// <see cref="Sum"/>) allocates nothing and is safe from many threads while nobody writes; writers from several
/// threads take a lock.
/// </summary>
internal sealed class TopologyCounts
{
    private readonly Dictionary<string, Dictionary<TopologyValue, long>> _byKey = new(StringComparer.Ordinal);

    /// <summary>Whether no domain has a non-zero count.</summary>
    public bool IsEmpty => _byKey.Count == 0;

    /// <summary>The count of the domain <paramref name="key"/>=<paramref name="value"/>.</summary>
    public long Get(string key, string value) => Get(key, new TopologyValue(value));

    /// <summary>The count of the domain <paramref name="key"/>=<paramref name="value"/>.</summary>
    public long Get(string key, TopologyValue value) =>
        _byKey.TryGetValue(key, out var values) && values.TryGetValue(value, out var count) ? count : 0;

    /// <summary>Adds <paramref name="delta"/> to the domain <paramref name="key"/>=<paramref name="value"/>.</summary>
    public void Add(string key, string value, long delta)
    {
        if (delta == 0)
        {
            return;
        }
        if (!_byKey.TryGetValue(key, out var values))
        {
            _byKey[key] = values = [];
        }
        var domain = new TopologyValue(value);
        var count = values.GetValueOrDefault(domain) + delta;
        if (count != 0)
        {
            values[domain] = count;
            return;
        }
        values.Remove(domain);
        if (values.Count == 0)
        {
            _byKey.Remove(key);
        }
    }

    /// <summary>Whether any domain <paramref name="node"/> is in has a positive count.</summary>
    public bool AnyPositive(NodeInfo node)
    {
        // Few topology keys are counted (usually hostname or zone): look each up in the node's labels.
        foreach (var (key, values) in _byKey)
        {
            if (node.TryGetTopologyValue(key, out var value) && values.TryGetValue(value, out var count) && count > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The sum over every topology key of the count of the domain <paramref name="node"/> is in.</summary>
    public long Sum(NodeInfo node)
    {
        long sum = 0;
        foreach (var (key, values) in _byKey)
        {
            if (node.TryGetTopologyValue(key, out var value) && values.TryGetValue(value, out var count))
            {
                sum += count;
            }
        }
        return sum;
    }

    /// <summary>A deep copy.</summary>
    public TopologyCounts Clone()
    {
        var clone = new TopologyCounts();
        foreach (var (key, values) in _byKey)
        {
            clone._byKey[key] = new Dictionary<TopologyValue, long>(values);
        }
        return clone;
    }
}
