namespace SharpKube.Controllers.ReplicaSet;

/// <summary>
/// Runs many calls of the same write in growing batches (1, 2, 4, …), stopping after the first batch with a
/// failure — so a request that would fail every time (quota, an invalid template) is sent a few times, not
/// hundreds.
/// </summary>
public static class SlowStartBatch
{
    /// <summary>Upstream's first batch size.</summary>
    public const int InitialBatchSize = 1;

    /// <summary>
    /// Calls <paramref name="call"/> <paramref name="count"/> times at most: the calls of one batch run
    /// concurrently, batches one after the other. Returns how many succeeded and the first failure, if any.
    /// </summary>
    public static async Task<(int Successes, Exception? Error)> RunAsync(int count, int initialBatchSize, Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var remaining = count;
        var successes = 0;
        for (var batch = Math.Min(remaining, initialBatchSize); batch > 0; batch = Math.Min(2 * batch, remaining))
        {
            var tasks = Enumerable.Range(0, batch).Select(_ => RunOneAsync(call)).ToArray();
            var errors = (await Task.WhenAll(tasks).ConfigureAwait(false)).Where(e => e is not null).ToList();
            successes += batch - errors.Count;
            if (errors.Count > 0)
            {
                return (successes, errors[0]);
            }
            remaining -= batch;
        }
        return (successes, null);
    }

    private static async Task<Exception?> RunOneAsync(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
            return null;
        }
#pragma warning disable CA1031 // Each failure is returned to the caller, which decides; none may be lost.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }
}
