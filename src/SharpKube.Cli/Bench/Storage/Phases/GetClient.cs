using SharpKube.Storage;

namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>Gets random keys among those a create phase made, checking each exists.</summary>
internal sealed class GetClient : LoadClient
{
    private readonly IKeyValueStore _store;
    private readonly string _prefix;
    private readonly long[] _createdPerWriter;
    private readonly Random _random;

    /// <param name="store">The store to read.</param>
    /// <param name="prefix">The prefix of the create phase whose keys are read.</param>
    /// <param name="createdPerWriter">How many keys each writer of that phase created.</param>
    /// <param name="seed">The seed of the key choice.</param>
    public GetClient(IKeyValueStore store, string prefix, long[] createdPerWriter, int seed)
    {
        if (!createdPerWriter.Any(n => n > 0))
        {
            throw new ArgumentException("the create phase made no keys to read", nameof(createdPerWriter));
        }

        _store = store;
        _prefix = prefix;
        _createdPerWriter = createdPerWriter;
        _random = new Random(seed);
    }

    protected override async ValueTask<long> OperateAsync()
    {
        int writer;
        do
        {
            writer = _random.Next(_createdPerWriter.Length);
        }
        while (_createdPerWriter[writer] == 0);

        var key = BenchKeys.Key(_prefix, writer, _random.NextInt64(_createdPerWriter[writer]));
        _ = await _store.GetAsync(key) ?? throw new InvalidOperationException($"get of {key}, which was created, found nothing");
        return 0;
    }
}
