using System.Collections.Concurrent;

namespace SharpKube.Kubelet.Probes;

/// <summary>
/// The latest settled result of each probe of each container instance (by CRI container id): what the workers
/// write once a threshold is crossed and what <see cref="ContainerReadiness.Of"/> reads. A restarted container is a
/// new id, so it starts with no results.
/// </summary>
internal sealed class ProbeResults
{
    private readonly ConcurrentDictionary<(string ContainerId, ProbeKind Kind), ProbeOutcome> _results = new();

    /// <summary>The settled result, or null while there is none yet.</summary>
    public ProbeOutcome? Get(string containerId, ProbeKind kind) =>
        _results.TryGetValue((containerId, kind), out var outcome) ? outcome : null;

    /// <summary>Records a settled result; true when it differs from the one before.</summary>
    public bool Set(string containerId, ProbeKind kind, ProbeOutcome outcome)
    {
        var changed = true;
        _results.AddOrUpdate((containerId, kind), outcome, (_, previous) =>
        {
            changed = previous != outcome;
            return outcome;
        });
        return changed;
    }

    /// <summary>Forgets a probe's result (its container instance is gone).</summary>
    public void Remove(string containerId, ProbeKind kind) => _results.TryRemove((containerId, kind), out _);
}
