namespace SharpKube.ApiServer.WatchCache;

/// <summary>
/// The recent history of one resource, for resuming watches. Keeps at least <see cref="MinimumCapacity"/>
/// events and grows (up to <see cref="MaximumCapacity"/>) while the oldest event is younger than the
/// retention window, so bursts don't push out history clients may still need. Not thread-safe: the
/// owning <see cref="ResourceCache"/> serializes access.
/// </summary>
public sealed class EventRing
{
    /// <summary>Capacity a ring starts with.</summary>
    public const int MinimumCapacity = 128;

    /// <summary>Capacity a ring never grows beyond.</summary>
    public const int MaximumCapacity = 102_400;

    /// <summary>
    /// Object bytes a ring stops growing at: history is for watchers catching up after a short break, and
    /// beyond this a burst of writes would cost more memory than re-listing costs those watchers.
    /// </summary>
    public const long MaximumBytes = 32L * 1024 * 1024;

    private long _bytes;

    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;
    private (CacheEvent Event, long Ticks)[] _items = new (CacheEvent, long)[MinimumCapacity];
    private int _start;
    private int _count;

    /// <summary>Creates an empty ring; watches may resume from <paramref name="startRevision"/> on.</summary>
    public EventRing(long startRevision, TimeProvider time, TimeSpan retention)
    {
        OldestResumableRevision = startRevision;
        _time = time;
        _retention = retention;
    }

    /// <summary>Watches from this revision or later can be served from the ring.</summary>
    public long OldestResumableRevision { get; private set; }

    /// <summary>Number of events held.</summary>
    public int Count => _count;

    /// <summary>Appends an event, evicting or growing as the retention policy says.</summary>
    public void Add(CacheEvent cacheEvent)
    {
        var now = _time.GetTimestamp();
        if (_count == _items.Length)
        {
            var oldestAge = _time.GetElapsedTime(_items[_start].Ticks, now);
            if (oldestAge < _retention && _items.Length < MaximumCapacity && _bytes < MaximumBytes)
            {
                Grow();
            }
            else
            {
                OldestResumableRevision = _items[_start].Event.Revision;
                _bytes -= _items[_start].Event.Object.Json.Length;
                _items[_start] = default;
                _start = (_start + 1) % _items.Length;
                _count--;
            }
        }
        _items[(_start + _count) % _items.Length] = (cacheEvent, now);
        _bytes += cacheEvent.Object.Json.Length;
        _count++;
    }

    /// <summary>Copies the events with a revision greater than <paramref name="revision"/>, oldest first.</summary>
    public List<CacheEvent> After(long revision)
    {
        var result = new List<CacheEvent>();
        for (var i = 0; i < _count; i++)
        {
            var item = _items[(_start + i) % _items.Length].Event;
            if (item.Revision > revision)
            {
                result.Add(item);
            }
        }
        return result;
    }

    private void Grow()
    {
        var grown = new (CacheEvent, long)[Math.Min(_items.Length * 2, MaximumCapacity)];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = _items[(_start + i) % _items.Length];
        }
        _items = grown;
        _start = 0;
    }
}
