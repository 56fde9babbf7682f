using BenchmarkDotNet.Attributes;
using SharpKube.Storage;
using SharpKube.Storage.Memory;

namespace SharpKube.Benchmarks.Storage;

/// <summary>
/// Writes to the memory driver: a create of a new key, and a compare-and-swap update of an existing one.
/// Each iteration creates into a fresh store (a create of an existing key fails), so creates see a store of
/// 0..<see cref="CreatesPerIteration"/> keys; updates cycle over 1,000 keys whose histories grow as they would
/// between compactions.
/// </summary>
[MemoryDiagnoser]
public class MemoryStoreWriteBenchmarks
{
    private const int CreatesPerIteration = 100_000;
    private const int UpdateKeys = 1_000;

    private readonly byte[] _value = new byte[256];
    private MemoryStore _createStore = new();
    private string[] _newKeys = [];
    private int _nextNew;
    private readonly List<Task> _disposing = [];

    private readonly MemoryStore _updateStore = new();
    private readonly string[] _updateKeys = new string[UpdateKeys];
    private readonly long[] _modRevisions = new long[UpdateKeys];
    private int _nextUpdate;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        Random.Shared.NextBytes(_value);
        _newKeys = Enumerable.Range(0, CreatesPerIteration).Select(i => $"/registry/pods/bench/pod-{i}").ToArray();
        for (var i = 0; i < UpdateKeys; i++)
        {
            _updateKeys[i] = $"/registry/configmaps/bench/cm-{i}";
            _modRevisions[i] = (await _updateStore.CreateAsync(_updateKeys[i], _value)).ModRevision;
        }
    }

    [IterationSetup(Target = nameof(Create))]
    public void NewCreateStore()
    {
        // An iteration setup cannot be async here: start disposing the previous store, and await it in the cleanup.
        _disposing.Add(_createStore.DisposeAsync().AsTask());
        _createStore = new MemoryStore();
        _nextNew = 0;
    }

    [Benchmark]
    [InvocationCount(CreatesPerIteration)]
    public ValueTask<KeyValue> Create() => _createStore.CreateAsync(_newKeys[_nextNew++], _value);

    [Benchmark]
    public async ValueTask<KeyValue> UpdateWithCompareAndSwap()
    {
        var i = _nextUpdate;
        _nextUpdate = i + 1 == UpdateKeys ? 0 : i + 1;
        var kv = await _updateStore.UpdateAsync(_updateKeys[i], _value, _modRevisions[i]);
        _modRevisions[i] = kv.ModRevision;
        return kv;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _createStore.DisposeAsync();
        await _updateStore.DisposeAsync();
        await Task.WhenAll(_disposing);
    }
}
