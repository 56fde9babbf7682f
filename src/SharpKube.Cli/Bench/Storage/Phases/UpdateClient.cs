using SharpKube.Storage;

namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>Updates its own keys round-robin, each with a compare-and-swap on the mod revision it last wrote.</summary>
internal sealed class UpdateClient : LoadClient
{
    private readonly IKeyValueStore _store;
    private readonly OwnedKeys _keys;
    private readonly ReadOnlyMemory<byte> _value;
    private readonly CompactionWindow? _window;
    private int _next;

    /// <param name="store">The store to write to.</param>
    /// <param name="keys">The keys this client owns.</param>
    /// <param name="value">The value written.</param>
    /// <param name="window">The compaction window to classify each write against (the compaction phase), if any.</param>
    public UpdateClient(IKeyValueStore store, OwnedKeys keys, ReadOnlyMemory<byte> value, CompactionWindow? window = null)
    {
        _store = store;
        _keys = keys;
        _value = value;
        _window = window;
    }

    protected override async ValueTask<long> OperateAsync()
    {
        var i = _next;
        _next = i + 1 == _keys.Keys.Length ? 0 : i + 1;
        var kv = await _store.UpdateAsync(_keys.Keys[i], _value, _keys.ModRevisions[i]);
        _keys.ModRevisions[i] = kv.ModRevision;
        return kv.ModRevision;
    }

    protected override void OnCompleted(long startTimestamp, long endTimestamp, long revision) =>
        _window?.Record(startTimestamp, endTimestamp);
}
