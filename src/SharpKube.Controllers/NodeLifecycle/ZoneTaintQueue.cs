namespace SharpKube.Controllers.NodeLifecycle;

/// <summary>
/// The nodes of one zone waiting for a <c>NoExecute</c> taint, in arrival order, released at the zone's eviction
/// rate (a token bucket of one; rate zero releases nothing), as upstream's per-zone rate-limited taint queue.
/// </summary>
internal sealed class ZoneTaintQueue
{
    private readonly List<string> _nodes = [];
    private double _rate;
    private double _tokens = 1;
    private DateTimeOffset _last;

    /// <summary>A queue releasing <paramref name="rate"/> nodes per second, starting with a full bucket.</summary>
    public ZoneTaintQueue(double rate, DateTimeOffset now)
    {
        _rate = rate;
        _last = now;
    }

    /// <summary>How many nodes wait.</summary>
    public int Count => _nodes.Count;

    /// <summary>Changes the rate; as upstream's limiter swap, a new rate starts with a full bucket.</summary>
    public void SetRate(double rate, DateTimeOffset now)
    {
        if (rate == _rate)
        {
            return;
        }
        _rate = rate;
        _tokens = 1;
        _last = now;
    }

    /// <summary>Queues a node unless it waits already.</summary>
    public void Add(string node)
    {
        if (!_nodes.Contains(node))
        {
            _nodes.Add(node);
        }
    }

    /// <summary>Drops a node from the queue.</summary>
    public void Remove(string node) => _nodes.Remove(node);

    /// <summary>Takes the first waiting node if the rate allows one now; null otherwise.</summary>
    public string? TryDequeue(DateTimeOffset now)
    {
        if (_nodes.Count == 0 || _rate <= 0)
        {
            return null;
        }
        _tokens = Math.Min(1, _tokens + (now - _last).TotalSeconds * _rate);
        _last = now;
        if (_tokens < 1)
        {
            return null;
        }
        _tokens -= 1;
        var node = _nodes[0];
        _nodes.RemoveAt(0);
        return node;
    }
}
