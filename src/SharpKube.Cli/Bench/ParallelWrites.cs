using System.Diagnostics;
using System.Runtime.ExceptionServices;
using k8s;

namespace SharpKube.Cli.Bench;

/// <summary>
/// Sends <c>count</c> writes — one per index — from several clients at once, each client taking the next index as it
/// finishes the last, and times each request to its response. The first failure stops the others and is thrown.
/// </summary>
internal static class ParallelWrites
{
    /// <summary>Runs <paramref name="write"/> for indexes 0 to <paramref name="count"/> − 1 over <paramref name="clients"/>; returns the latency of each write.</summary>
    public static async Task<LatencySummary> RunAsync(
        IReadOnlyList<Kubernetes> clients, int count, Func<Kubernetes, int, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var next = -1;
        async Task<LatencyHistogram> ClientAsync(Kubernetes client)
        {
            var histogram = new LatencyHistogram();
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await write(client, index, failed.Token);
                }
                catch
                {
                    await failed.CancelAsync();
                    throw;
                }

                histogram.RecordBetween(sent, Stopwatch.GetTimestamp());
            }

            return histogram;
        }

        var tasks = clients.Select(c => Task.Run(() => ClientAsync(c), CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && FirstFailure(tasks) is { } failure)
        {
            // Another client's failure cancelled this one: report that failure, not the cancellation.
            ExceptionDispatchInfo.Throw(failure);
        }

        var all = new LatencyHistogram();
        foreach (var task in tasks)
        {
            all.Add(task.Result);
        }

        return LatencySummary.From(all);
    }

    private static Exception? FirstFailure(IEnumerable<Task> tasks) =>
        tasks.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException);
}
