using SharpKube.Storage;

namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>Creates new keys <c>&lt;prefix&gt;&lt;writer&gt;-0</c>, <c>-1</c>, … one after another.</summary>
internal sealed class CreateClient : LoadClient
{
    private readonly IKeyValueStore _store;
    private readonly string _prefix;
    private readonly int _writer;
    private readonly ReadOnlyMemory<byte> _value;
    private readonly RevisionClock? _clock;

    /// <param name="store">The store to write to.</param>
    /// <param name="prefix">The phase's prefix.</param>
    /// <param name="writer">This writer's number, part of every key it creates.</param>
    /// <param name="value">The value of every key.</param>
    /// <param name="clock">Where to note when each revision's write returned (the watch phase), if anywhere.</param>
    public CreateClient(IKeyValueStore store, string prefix, int writer, ReadOnlyMemory<byte> value, RevisionClock? clock = null)
    {
        _store = store;
        _prefix = prefix;
        _writer = writer;
        _value = value;
        _clock = clock;
    }

    /// <summary>The keys created so far: <c>-0</c> up to <c>-(Created - 1)</c>.</summary>
    public long Created { get; private set; }

    protected override async ValueTask<long> OperateAsync()
    {
        var kv = await _store.CreateAsync(BenchKeys.Key(_prefix, _writer, Created), _value);
        Created++;
        return kv.ModRevision;
    }

    protected override void OnCompleted(long startTimestamp, long endTimestamp, long revision) =>
        _clock?.SetReturned(revision, endTimestamp);
}
