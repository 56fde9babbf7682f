using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Resources;

namespace SharpKube.Client.Informers;

/// <summary>
/// Keeps an <see cref="InformerStore{T}"/> equal to the server: LIST (paged), then WATCH from the list's
/// resourceVersion with bookmarks, following the newest resourceVersion seen in events and bookmarks. A stream the
/// server ends is re-watched from there; a 410 (an ERROR event or the response) means that history is gone, so it
/// re-lists and the store turns the difference into ADD/UPDATE/DELETE. Other failures back off and re-list.
/// </summary>
internal sealed class Reflector<T>(ListWatch<T> listWatch, InformerStore<T> store, SharedInformerOptions options, ILogger logger)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan ShortestHealthyWatch = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DefaultMinWatchTimeout = TimeSpan.FromMinutes(5);
    private volatile string? _lastSyncResourceVersion;

    /// <summary>The newest resourceVersion the store reflects.</summary>
    public string? LastSyncResourceVersion => _lastSyncResourceVersion;

    /// <summary>Lists and watches until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = options.InitialBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ListAndWatchAsync(cancellationToken).ConfigureAwait(false);
                backoff = options.InitialBackoff;
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever failed, the informer keeps trying: a controller's cache must recover on its own.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Listing and watching {Type} failed; retrying in {Backoff}", typeof(T).Name, backoff);
            }
            if (!await DelayAsync(backoff, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
            backoff = Min(backoff * 2, options.MaxBackoff);
        }
    }

    /// <summary>One LIST, then WATCHes until the history is gone (returns: re-list) or something fails (throws).</summary>
    private async Task ListAndWatchAsync(CancellationToken cancellationToken)
    {
        await ListAsync(cancellationToken).ConfigureAwait(false);
        var backoff = options.InitialBackoff;
        while (true)
        {
            var started = options.Time.GetTimestamp();
            bool expired;
            int events;
            try
            {
                (expired, events) = await WatchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsGone(e))
            {
                expired = true;
                events = 0;
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // The connection broke, not the history: resume from the last resourceVersion after a pause.
                logger.LogInformation(e, "Watch of {Type} broke; resuming from {ResourceVersion}", typeof(T).Name, _lastSyncResourceVersion);
                (expired, events) = (false, 0);
            }
            if (expired)
            {
                logger.LogInformation("Watch of {Type} expired at {ResourceVersion}; re-listing", typeof(T).Name, _lastSyncResourceVersion);
                return;
            }
            if (events > 0 || options.Time.GetElapsedTime(started) >= ShortestHealthyWatch)
            {
                backoff = options.InitialBackoff;
                continue;
            }
            // A stream that ends at once with nothing in it: do not hammer the server.
            if (!await DelayAsync(backoff, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
            backoff = Min(backoff * 2, options.MaxBackoff);
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? resourceVersion = null;
        string? next = null;
        do
        {
            ResourceList<T> page;
            try
            {
                page = await listWatch.ListFunc(new ListRequest { Limit = options.PageSize, Continue = next }, cancellationToken).ConfigureAwait(false);
            }
            catch (k8s.Autorest.HttpOperationException e) when (next is not null && ApiErrors.IsGone(e))
            {
                // The continue token outlived the server's history: take the whole list in one response instead.
                items.Clear();
                page = await listWatch.ListFunc(new ListRequest(), cancellationToken).ConfigureAwait(false);
            }
            items.AddRange(page.Items);
            resourceVersion = page.ResourceVersion;
            next = page.Continue;
        }
        while (next is not null);
        store.Replace(items);
        _lastSyncResourceVersion = resourceVersion;
    }

    /// <summary>One watch stream: (true, …) when the server said the resourceVersion is too old.</summary>
    private async Task<(bool Expired, int Events)> WatchAsync(CancellationToken cancellationToken)
    {
        var request = new WatchRequest
        {
            ResourceVersion = _lastSyncResourceVersion,
            AllowWatchBookmarks = true,
            TimeoutSeconds = (int)Math.Max(1, (options.WatchTimeout ?? DefaultMinWatchTimeout * (1 + Random.Shared.NextDouble())).TotalSeconds),
        };
        var events = 0;
        await foreach (var change in listWatch.WatchFunc(request, cancellationToken).ConfigureAwait(false))
        {
            events++;
            switch (change.Type)
            {
                case WatchEventType.Error:
                    if (change.Status?.Code == 410)
                    {
                        return (true, events);
                    }
                    throw new InvalidOperationException($"watch of {typeof(T).Name} failed: {change.Status?.Code} {change.Status?.Message}");
                case WatchEventType.Bookmark:
                    _lastSyncResourceVersion = change.Object?.Metadata?.ResourceVersion ?? _lastSyncResourceVersion;
                    break;
                default:
                    var obj = change.Object ?? throw new InvalidOperationException($"watch of {typeof(T).Name}: {change.Type} without an object");
                    store.Apply(change.Type, obj);
                    _lastSyncResourceVersion = obj.Metadata?.ResourceVersion ?? _lastSyncResourceVersion;
                    break;
            }
        }
        return (false, events);
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, options.Time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
