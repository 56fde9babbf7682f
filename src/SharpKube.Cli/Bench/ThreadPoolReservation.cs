namespace SharpKube.Cli.Bench;

/// <summary>
/// Raises the thread pool's minimum worker threads for the length of a run. A client of a store that completes
/// synchronously (the memory driver) keeps its thread busy for a whole phase; without spare threads, the pool's
/// slow thread injection would start clients, watchers and timers late and the harness would measure itself.
/// </summary>
internal sealed class ThreadPoolReservation : IDisposable
{
    private readonly int _previousWorkers;
    private readonly int _previousIo;

    private ThreadPoolReservation(int previousWorkers, int previousIo)
    {
        _previousWorkers = previousWorkers;
        _previousIo = previousIo;
    }

    /// <summary>Makes at least <paramref name="workers"/> threads available without injection delay.</summary>
    public static ThreadPoolReservation Reserve(int workers)
    {
        ThreadPool.GetMinThreads(out var previousWorkers, out var previousIo);
        ThreadPool.SetMinThreads(Math.Max(workers, previousWorkers), previousIo);
        return new ThreadPoolReservation(previousWorkers, previousIo);
    }

    /// <summary>Restores the previous minimum.</summary>
    public void Dispose() => ThreadPool.SetMinThreads(_previousWorkers, _previousIo);
}
