using SharpKube.Storage;

namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>Lists one prefix in full, checking the number of keys each time.</summary>
internal sealed class ListClient : LoadClient
{
    private readonly IKeyValueStore _store;
    private readonly string _prefix;
    private readonly int _expected;

    public ListClient(IKeyValueStore store, string prefix, int expected)
    {
        _store = store;
        _prefix = prefix;
        _expected = expected;
    }

    protected override async ValueTask<long> OperateAsync()
    {
        var list = await _store.ListAsync(_prefix);
        if (list.Items.Count != _expected)
        {
            throw new InvalidOperationException($"list of {_prefix} returned {list.Items.Count} keys, expected {_expected}");
        }

        return 0;
    }
}
