using Microsoft.Extensions.Logging;
using SharpKube.Client.WorkQueues;
using SharpKube.Kubelet.Runtime;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// The kubelet's pod workers: a queue of pod uids served by a few workers, so that each pod is synced by one worker
/// at a time, level-driven — a sync looks at what the API wants and what the runtime runs now, whatever woke it.
/// A sync returns when it wants to be run again (a backoff ending, a periodic resync); a failed sync is retried with
/// per-pod exponential backoff.
/// </summary>
public sealed class PodWorkers(Func<string, CancellationToken, Task<TimeSpan?>> sync, int workers, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly RateLimitingQueue<string> _queue = new(
        new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30)), time);

    /// <summary>Asks for pod <paramref name="uid"/> to be synced as soon as a worker is free.</summary>
    public void Enqueue(string uid) => _queue.Add(uid);

    /// <summary>Asks for pod <paramref name="uid"/> to be synced after <paramref name="delay"/>.</summary>
    public void EnqueueAfter(string uid, TimeSpan delay) => _queue.AddAfter(uid, delay);

    /// <summary>Runs the workers until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(_queue.ShutDown);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None))).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            (string Key, bool ShuttingDown) item;
            try
            {
                item = await _queue.GetAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (item.ShuttingDown)
            {
                return;
            }
            try
            {
                TimeSpan? again;
                // The CRI calls of this sync count towards this pod's start (PodStartupLog).
                using (CriCallTimer.ForPod(item.Key))
                {
                    again = await sync(item.Key, cancellationToken).ConfigureAwait(false);
                }
                _queue.Forget(item.Key);
                if (again is { } delay)
                {
                    _queue.AddAfter(item.Key, delay);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Error syncing pod {Uid}, retrying", item.Key);
                _queue.AddRateLimited(item.Key);
            }
            finally
            {
                _queue.Done(item.Key);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _queue.Dispose();
}
