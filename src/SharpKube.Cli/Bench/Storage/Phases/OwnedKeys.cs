using SharpKube.Storage;

namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>
/// Keys that belong to one writer, with the mod revision it last wrote to each: only it writes them, so its
/// compare-and-swap updates never conflict and measure the store, not retries.
/// </summary>
internal sealed class OwnedKeys
{
    private OwnedKeys(string[] keys, long[] modRevisions)
    {
        Keys = keys;
        ModRevisions = modRevisions;
    }

    /// <summary>The keys.</summary>
    public string[] Keys { get; }

    /// <summary>The mod revision of each key, as last written by its owner.</summary>
    public long[] ModRevisions { get; }

    /// <summary>
    /// Creates <paramref name="totalKeys"/> keys under <paramref name="prefix"/>, shared out evenly between
    /// <paramref name="writers"/> writers that create their keys side by side.
    /// </summary>
    public static async Task<OwnedKeys[]> CreateAsync(
        IKeyValueStore store, string prefix, int writers, int totalKeys, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var tasks = Enumerable.Range(0, writers).Select(async writer =>
        {
            var perWriter = (totalKeys / writers) + (writer < totalKeys % writers ? 1 : 0);
            var keys = new string[perWriter];
            var revisions = new long[perWriter];
            for (var i = 0; i < perWriter; i++)
            {
                keys[i] = BenchKeys.Key(prefix, writer, i);
                revisions[i] = (await store.CreateAsync(keys[i], value, cancellationToken: cancellationToken)).ModRevision;
            }

            return new OwnedKeys(keys, revisions);
        });
        return await Task.WhenAll(tasks);
    }
}
