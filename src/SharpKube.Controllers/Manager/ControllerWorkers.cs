using Microsoft.Extensions.Logging;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;

namespace SharpKube.Controllers.Manager;

/// <summary>
/// The worker loop every queue-driven controller runs: take a key, sync it, forget its backoff on success or
/// requeue it rate-limited on failure (conflicts quietly, other errors with a warning), and mark it done — so a key is never synced by two workers at once.
/// </summary>
public static class ControllerWorkers
{
    /// <summary>Runs <paramref name="workers"/> workers over <paramref name="queue"/> until cancelled, then shuts the queue down.</summary>
    public static async Task RunAsync(RateLimitingQueue<string> queue, Func<string, CancellationToken, Task> sync, int workers,
        ILogger logger, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(queue.ShutDown);
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(queue, sync, logger, cancellationToken), CancellationToken.None));
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static async Task WorkAsync(RateLimitingQueue<string> queue, Func<string, CancellationToken, Task> sync, ILogger logger,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            (string Key, bool ShuttingDown) item;
            try
            {
                item = await queue.GetAsync(cancellationToken).ConfigureAwait(false);
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
                await sync(item.Key, cancellationToken).ConfigureAwait(false);
                queue.Forget(item.Key);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (ApiErrors.IsConflict(e))
            {
                // Lost a race with another writer: expected under load; the retry reads the newer object.
                logger.LogDebug("Sync of {Key} hit a conflict ({Message}); retrying with backoff", item.Key, e.Message);
                queue.AddRateLimited(item.Key);
            }
            catch (Exception e) when (ApiErrors.StatusCodeOf(e) is not null)
            {
                // The API server's answer says what went wrong; its stack says nothing more.
                logger.LogWarning("Sync of {Key} failed (attempt {Attempt}); retrying with backoff: {Message}", item.Key,
                    queue.NumRequeues(item.Key) + 1, e.Message);
                queue.AddRateLimited(item.Key);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Sync of {Key} failed (attempt {Attempt}); retrying with backoff", item.Key, queue.NumRequeues(item.Key) + 1);
                queue.AddRateLimited(item.Key);
            }
            finally
            {
                queue.Done(item.Key);
            }
        }
    }
}
