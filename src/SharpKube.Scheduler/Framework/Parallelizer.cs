namespace SharpKube.Scheduler.Framework;

/// <summary>
/// Runs per-node work on several threads, in chunks, as upstream's <c>parallelize.Until</c>: workers take the next
/// chunk of indexes until all are done or one piece of work says stop. Small jobs run on the calling thread, where
/// handing work to other threads would cost more than it saves.
/// </summary>
public sealed class Parallelizer
{
    /// <summary>Upstream's default parallelism (16); at most the machine's processor count is used.</summary>
    public const int DefaultParallelism = 16;

    /// <summary>Below this many pieces the work runs on the calling thread.</summary>
    public const int MinPiecesToParallelize = 128;

    /// <summary>A parallelizer using up to <paramref name="parallelism"/> threads (and no more than the processors).</summary>
    public Parallelizer(int parallelism) => Parallelism = Math.Clamp(Math.Min(parallelism, Environment.ProcessorCount), 1, 64);

    /// <summary>How many threads work at most.</summary>
    public int Parallelism { get; }

    /// <summary>
    /// Calls <paramref name="work"/> for each index below <paramref name="pieces"/>, in parallel; once a call
    /// returns false no new ones start (calls already running finish).
    /// </summary>
    public void Until(int pieces, Func<int, bool> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (pieces <= 0)
        {
            return;
        }
        if (Parallelism == 1 || pieces < MinPiecesToParallelize)
        {
            for (var i = 0; i < pieces; i++)
            {
                if (!work(i))
                {
                    return;
                }
            }
            return;
        }
        var run = new ChunkedRun(pieces, ChunkSize(pieces, Parallelism), work);
        var workers = Math.Min(Parallelism, (pieces + run.ChunkSize - 1) / run.ChunkSize);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => run.Work());
    }

    /// <summary>Upstream's chunk size: √n, but no more than n / parallelism + 1.</summary>
    private static int ChunkSize(int pieces, int parallelism) =>
        Math.Max(1, Math.Min((int)Math.Sqrt(pieces), pieces / parallelism + 1));

    private sealed class ChunkedRun(int pieces, int chunkSize, Func<int, bool> work)
    {
        private int _next;
        private volatile bool _stopped;

        public int ChunkSize => chunkSize;

        public void Work()
        {
            while (!_stopped)
            {
                var start = Interlocked.Add(ref _next, chunkSize) - chunkSize;
                if (start >= pieces)
                {
                    return;
                }
                var end = Math.Min(start + chunkSize, pieces);
                for (var i = start; i < end && !_stopped; i++)
                {
                    if (!work(i))
                    {
                        _stopped = true;
                    }
                }
            }
        }
    }
}
