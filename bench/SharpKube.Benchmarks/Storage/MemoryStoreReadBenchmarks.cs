using BenchmarkDotNet.Attributes;
using SharpKube.Storage;
using SharpKube.Storage.Memory;

namespace SharpKube.Benchmarks.Storage;

/// <summary>
/// Reads from the memory driver: a get of a random existing key among 10,000, and a list of a prefix holding
/// 1,000 keys in a store of 11,000.
/// </summary>
[MemoryDiagnoser]
public class MemoryStoreReadBenchmarks
{
    private const int Keys = 10_000;
    private const int ListedKeys = 1_000;
    private const string ListPrefix = "/registry/pods/listed/";

    private readonly MemoryStore _store = new();
    private readonly string[] _keys = new string[Keys];
    private readonly int[] _order = new int[Keys];
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var value = new byte[256];
        Random.Shared.NextBytes(value);
        for (var i = 0; i < Keys; i++)
        {
            _keys[i] = $"/registry/pods/ns-{i % 50}/pod-{i}";
            await _store.CreateAsync(_keys[i], value);
            _order[i] = i;
        }

        for (var i = 0; i < ListedKeys; i++)
        {
            await _store.CreateAsync($"{ListPrefix}pod-{i}", value);
        }

        new Random(1).Shuffle(_order);
    }

    [Benchmark]
    public ValueTask<KeyValue?> Get()
    {
        var i = _next;
        _next = i + 1 == Keys ? 0 : i + 1;
        return _store.GetAsync(_keys[_order[i]]);
    }

    [Benchmark]
    public ValueTask<ListResult> List1000Keys() => _store.ListAsync(ListPrefix);

    [GlobalCleanup]
    public ValueTask CleanupAsync() => _store.DisposeAsync();
}
