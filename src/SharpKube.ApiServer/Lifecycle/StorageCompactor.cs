using Microsoft.Extensions.Logging;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Lifecycle;

/// <summary>
/// Compacts the datastore's history periodically, as kube-apiserver does: at each tick it compacts to the
/// revision it saw at the previous tick, so history at least one interval old is always readable (watches
/// resuming, paginated lists finishing) and older history does not grow without bound.
/// </summary>
public sealed class StorageCompactor : IAsyncDisposable
{
    private readonly IKeyValueStore _store;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates the compactor; <paramref name="interval"/> is upstream's 5 minutes by default.</summary>
    public StorageCompactor(IKeyValueStore store, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _store = store;
        _interval = interval;
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts the periodic compaction.</summary>
    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        long previous = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_interval, _time, cancellationToken).ConfigureAwait(false);
                var current = await _store.CurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
                if (previous > 0)
                {
                    await _store.CompactAsync(previous, cancellationToken).ConfigureAwait(false);
                    _logger.LogInformation("Compacted the datastore to revision {Revision}", previous);
                }
                previous = current;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (StorageException e) when (e.Code is StorageErrorCode.Compacted)
            {
                // Another server compacted further already.
            }
            catch (StorageException e) when (e.Code is not StorageErrorCode.Unavailable)
            {
                _logger.LogWarning(e, "Datastore compaction failed");
            }
            catch (StorageException)
            {
                return;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stopping.Dispose();
    }
}
