namespace SharpKube.Storage.Memory;

/// <summary>
/// Every change, in revision order, for watch replay: fixed-size segments, so appending never copies what is already
/// stored and compaction drops whole segments without moving the rest.
/// </summary>
/// <remarks>Invariant: the memory store writes exactly one event per revision, so an event's position follows
/// from its revision.</remarks>
internal sealed class EventLog
{
    private const int SegmentSize = 4096;
    private readonly List<WatchEvent[]> _segments = [];
    private long _firstRevision = 1;
    private int _lastCount = SegmentSize;

    public void Append(WatchEvent change)
    {
        if (_lastCount == SegmentSize)
        {
            _segments.Add(new WatchEvent[SegmentSize]);
            _lastCount = 0;
        }

        _segments[^1][_lastCount++] = change;
    }

    /// <summary>Drops the segments whose events are all at or before <paramref name="revision"/>.</summary>
    public void DropThrough(long revision)
    {
        var whole = (int)Math.Min((revision - _firstRevision + 1) / SegmentSize, _segments.Count - 1);
        if (whole > 0)
        {
            _segments.RemoveRange(0, whole);
            _firstRevision += (long)whole * SegmentSize;
        }
    }

    /// <summary>The events with after &lt; revision ≤ upTo under <paramref name="prefix"/>.</summary>
    public List<WatchEvent> Range(string prefix, long after, long upTo)
    {
        var events = new List<WatchEvent>();
        for (var revision = Math.Max(after + 1, _firstRevision); revision <= upTo; revision++)
        {
            var offset = revision - _firstRevision;
            var e = _segments[(int)(offset / SegmentSize)][offset % SegmentSize];
            if (KeyRange.HasPrefix(e.Key, prefix))
            {
                events.Add(e);
            }
        }

        return events;
    }
}
