namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// The two domains of one constraint with the fewest matching pods (upstream's <c>criticalPaths</c>), so Filter reads
/// the global minimum without walking every domain, and AddPod/RemovePod keep it up to date in constant time. Keeping
/// two instead of one means a pod added to the emptiest domain usually leaves the right minimum behind; like upstream,
/// it may drift from the true minimum after many simulated changes, which only preemption's what-ifs make.
/// A mutable struct, kept in an array so that copying the array copies the paths.
/// </summary>
internal struct CriticalPaths
{
    private string? _firstDomain;
    private int _firstCount;
    private string? _secondDomain;
    private int _secondCount;

    /// <summary>Empty paths: both counts at the largest value, so any domain replaces them.</summary>
    public static CriticalPaths Empty => new() { _firstCount = int.MaxValue, _secondCount = int.MaxValue };

    /// <summary>The fewest matching pods in any domain seen (int.MaxValue when none).</summary>
    public readonly int MinCount => _firstCount;

    /// <summary>The domain with the fewest (null when none).</summary>
    public readonly string? MinDomain => _firstDomain;

    /// <summary>Records that <paramref name="domain"/> now has <paramref name="count"/> matching pods.</summary>
    public void Update(string domain, int count)
    {
        if (domain == _firstDomain || domain == _secondDomain)
        {
            if (domain == _firstDomain)
            {
                _firstCount = count;
            }
            else
            {
                _secondCount = count;
            }
            if (_firstCount > _secondCount)
            {
                (_firstDomain, _firstCount, _secondDomain, _secondCount) = (_secondDomain, _secondCount, _firstDomain, _firstCount);
            }
            return;
        }
        if (count < _firstCount)
        {
            (_secondDomain, _secondCount) = (_firstDomain, _firstCount);
            (_firstDomain, _firstCount) = (domain, count);
        }
        else if (count < _secondCount)
        {
            (_secondDomain, _secondCount) = (domain, count);
        }
    }
}
