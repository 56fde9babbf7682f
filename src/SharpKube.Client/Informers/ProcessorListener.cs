using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SharpKube.Client.Informers;

/// <summary>
/// One registered handler with its own unbounded buffer and delivery loop, so notifications reach it in order
/// and a slow handler never blocks the informer or other handlers. Disposing it unregisters the handler.
/// </summary>
internal sealed class ProcessorListener<T> : IEventHandlerRegistration
{
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<Notification<T>> _buffer = Channel.CreateUnbounded<Notification<T>>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly ResourceEventHandler<T> _handler;
    private readonly ILogger _logger;
    private readonly Action<ProcessorListener<T>> _unregister;
    private readonly Task _loop;

    public ProcessorListener(ResourceEventHandler<T> handler, ILogger logger, Action<ProcessorListener<T>> unregister)
    {
        _handler = handler;
        _logger = logger;
        _unregister = unregister;
        _loop = Task.Run(DeliverAsync);
    }

    /// <inheritdoc/>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <inheritdoc/>
    public async Task<bool> WaitForSyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _synced.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Queues a notification; ignored once the listener stopped.</summary>
    public void Enqueue(Notification<T> notification) => _buffer.Writer.TryWrite(notification);

    /// <summary>Stops taking notifications and waits until the buffered ones are delivered.</summary>
    public Task StopAsync()
    {
        _buffer.Writer.TryComplete();
        return _loop;
    }

    /// <summary>Unregisters the handler: it gets no notification after those already buffered.</summary>
    public void Dispose()
    {
        _unregister(this);
        _buffer.Writer.TryComplete();
    }

    private async Task DeliverAsync()
    {
        await foreach (var notification in _buffer.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                switch (notification.Kind)
                {
                    case NotificationKind.Add:
                        _handler.OnAdd?.Invoke(notification.Object);
                        break;
                    case NotificationKind.Update:
                        _handler.OnUpdate?.Invoke(notification.OldObject!, notification.Object);
                        break;
                    case NotificationKind.Delete:
                        _handler.OnDelete?.Invoke(notification.Object);
                        break;
                    case NotificationKind.Synced:
                        _synced.TrySetResult();
                        break;
                }
            }
#pragma warning disable CA1031 // A failing handler must not stop the notifications of the others or of later changes.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogError(e, "Event handler failed on {Kind} of {Type}", notification.Kind, typeof(T).Name);
            }
        }
    }
}
