using SharpKube.Cli.Bench.Storage.Results;
using SharpKube.Cli.Commands;

namespace SharpKube.Cli.Bench.Storage;

/// <summary>
/// The macro benchmark of the datastore: opens each requested driver in turn and runs the same workload against it,
/// so the drivers are compared side by side on one machine in one run.
/// </summary>
internal static class StorageBenchmark
{
    /// <summary>
    /// Runs every driver and returns the report; progress lines go to <paramref name="progress"/>. A driver that cannot
    /// be opened or fails a phase is reported in <see cref="StorageBenchReport.Failures"/> and the next one still runs.
    /// </summary>
    public static async Task<StorageBenchReport> RunAsync(StorageBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var keys = BenchKeys.ForNewRun();
        var results = new List<DriverResult>();
        var failures = new List<DriverFailure>();
        using (ThreadPoolReservation.Reserve(options.Writers + options.Watchers + 8))
        {
            foreach (var driver in options.Drivers)
            {
                try
                {
                    results.Add(await RunDriverAsync(driver, options, keys, progress, cancellationToken));
                }
                catch (StorageBenchException e)
                {
                    failures.Add(new DriverFailure(driver.ToString().ToLowerInvariant(), e.Message));
                }
            }
        }

        var settings = new StorageBenchSettings(
            options.Drivers.Select(d => d.ToString().ToLowerInvariant()).ToArray(),
            options.Writers,
            options.Duration.TotalSeconds,
            options.ValueSize,
            options.Watchers,
            options.ListKeys);
        return new StorageBenchReport(
            "storage", VersionInfo.Current.SharpKubeVersion, startedAt, options.CommandLine, MachineInfo.Current(), settings, results, failures);
    }

    private static async Task<DriverResult> RunDriverAsync(
        SharpKube.Storage.DatastoreDriver driver, StorageBenchOptions options, BenchKeys keys, TextWriter progress, CancellationToken cancellationToken)
    {
        var name = driver.ToString().ToLowerInvariant();
        StoreUnderTest target;
        try
        {
            target = await StoreUnderTest.OpenAsync(driver, options, progress, cancellationToken);
        }
        catch (Exception e) when (ExpectedErrors.IsExpected(e))
        {
            throw new StorageBenchException($"{name}: cannot open the store: {e.Message}", e);
        }

        await using (target)
        {
            var benchmark = new DriverBenchmark(target, options, keys, progress);
            try
            {
                return await benchmark.RunAsync(cancellationToken);
            }
            catch (Exception e) when (ExpectedErrors.IsExpected(e))
            {
                throw new StorageBenchException($"{name}: {benchmark.Phase}: {e.Message}", e);
            }
        }
    }
}
