using SharpKube.Cli.Bench.Storage.Phases;
using SharpKube.Cli.Bench.Storage.Results;
using SharpKube.Storage;

namespace SharpKube.Cli.Bench.Storage;

/// <summary>Runs every phase of the storage benchmark against one open store, in a fixed order.</summary>
internal sealed class DriverBenchmark
{
    private readonly StoreUnderTest _target;
    private readonly StorageBenchOptions _options;
    private readonly BenchKeys _keys;
    private readonly TextWriter _progress;
    private readonly ReadOnlyMemory<byte> _value;

    public DriverBenchmark(StoreUnderTest target, StorageBenchOptions options, BenchKeys keys, TextWriter progress)
    {
        _target = target;
        _options = options;
        _keys = keys;
        _progress = progress;
        var value = new byte[options.ValueSize];
        Random.Shared.NextBytes(value);
        _value = value;
    }

    /// <summary>The phase running now, for error messages.</summary>
    public string Phase { get; private set; } = "open";

    private IKeyValueStore Store => _target.Store;

    private string Name => _target.Driver.ToString().ToLowerInvariant();

    public async Task<DriverResult> RunAsync(CancellationToken cancellationToken)
    {
        var creates = new List<WriteResult>();
        long[] createdPerWriter = [];
        string createdPrefix = "";
        foreach (var writers in _options.WriterLevels)
        {
            var prefix = _keys.Prefix($"create-w{writers}");
            var clients = Enumerable.Range(0, writers).Select(i => new CreateClient(Store, prefix, i, _value)).ToArray();
            creates.Add((await RunTimedAsync($"create, {Writers(writers)}", clients, cancellationToken)).ToWriteResult());
            (createdPrefix, createdPerWriter) = (prefix, clients.Select(c => c.Created).ToArray());
        }

        var updates = new List<WriteResult>();
        foreach (var writers in _options.WriterLevels)
        {
            var owned = await SeedAsync($"update-w{writers}", writers, writers * _options.KeysPerWriter, cancellationToken);
            var clients = owned.Select(keys => new UpdateClient(Store, keys, _value)).ToArray();
            updates.Add((await RunTimedAsync($"update, {Writers(writers)}", clients, cancellationToken)).ToWriteResult());
        }

        var get = await RunTimedAsync("get, 1 reader", [new GetClient(Store, createdPrefix, createdPerWriter, seed: 1)], cancellationToken);

        var listPrefix = _keys.Prefix("list");
        await SeedAsync("list", _options.Writers, _options.ListKeys, cancellationToken);
        var list = await RunTimedAsync($"list of {_options.ListKeys} keys, 1 reader", [new ListClient(Store, listPrefix, _options.ListKeys)], cancellationToken);

        await StartPhaseAsync($"watch, {_options.Watchers} watchers, {Writers(_options.Writers)}");
        var watch = await WatchPhase.RunAsync(Store, _keys.Prefix("watch"), _options, _value, cancellationToken);

        await StartPhaseAsync($"compaction, {Writers(_options.Writers)}");
        var compaction = await CompactionPhase.RunAsync(Store, _keys.Prefix("compact"), _options, _value, cancellationToken);

        Phase = "measuring the data files";
        return new DriverResult(
            Name, _target.Description, creates, updates, get.ToReadResult(), list.ToReadResult(), watch, compaction, _target.MeasureDataBytes());
    }

    private async Task<ClosedLoopResult> RunTimedAsync(string phase, IReadOnlyList<LoadClient> clients, CancellationToken cancellationToken)
    {
        await StartPhaseAsync($"{phase}, {_options.Duration.TotalSeconds:0.###} s");
        var result = await ClosedLoop.RunAsync(clients, PhaseStop.After(_options.Duration, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }

    private async Task<OwnedKeys[]> SeedAsync(string phase, int writers, int totalKeys, CancellationToken cancellationToken)
    {
        await StartPhaseAsync($"creating {totalKeys} keys for {phase}");
        return await OwnedKeys.CreateAsync(Store, _keys.Prefix(phase), writers, totalKeys, _value, cancellationToken);
    }

    private async Task StartPhaseAsync(string phase)
    {
        Phase = phase;
        await _progress.WriteLineAsync($"[{Name}] {phase}");
    }

    private static string Writers(int n) => n == 1 ? "1 writer" : $"{n} writers";
}
