using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Responses;
using SharpKube.ApiServer.Store;
using SharpKube.ApiServer.WatchCache;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Http;

/// <summary>GET, LIST and WATCH of a resource.</summary>
public sealed class ReadHandler
{
    private readonly IKeyValueStore _kv;
    private readonly ClusterWatchCache _cache;
    private readonly ApiServerSettings _settings;
    private readonly TimeProvider _time;

    /// <summary>Creates the handler.</summary>
    public ReadHandler(IKeyValueStore kv, ClusterWatchCache cache, ApiServerSettings settings, TimeProvider time)
    {
        _kv = kv;
        _cache = cache;
        _settings = settings;
        _time = time;
    }

    /// <summary>GET of one object (a consistent read from the datastore).</summary>
    public async Task GetAsync(HttpContext context, ResourceEndpoint endpoint, string? ns, string name)
    {
        var store = endpoint.Store;
        var stored = await _kv.GetAsync(store.Key(ns, name), 0, context.RequestAborted).ConfigureAwait(false)
            ?? throw StatusErrors.NotFound(store.Resource, name);
        var json = store.ServedJson(ResourceVersionSplicer.Splice(stored.Value.Span, stored.ModRevision));
        var format = MediaTypes.Negotiate(context.Request.Headers.Accept, context.Request.Query["includeObject"]);
        await ObjectResponse.WriteAsync(context.Response, 200, json, format, endpoint.Table, _time.GetUtcNow()).ConfigureAwait(false);
    }

    /// <summary>LIST, served from the watch cache (or the datastore for exact and paged reads of the past).</summary>
    public async Task ListAsync(HttpContext context, ResourceEndpoint endpoint, string? ns, ListQuery query)
    {
        var format = MediaTypes.Negotiate(context.Request.Headers.Accept, context.Request.Query["includeObject"]);
        var filter = FilterCompiler.Compile(ns, query.LabelSelector, query.FieldSelector, endpoint.SelectableFields);
        var cache = endpoint.Store.Cache;
        var token = context.RequestAborted;
        List<CachedObject> items;
        long revision;
        bool more;
        if (query.Continue is { } continued)
        {
            if (cache.LastChangeRevision <= continued.Revision && _cache.Revision >= continued.Revision)
            {
                items = cache.List(filter, continued.StartAfterKey, query.Limit, out _, out more);
                revision = continued.Revision;
            }
            else
            {
                (items, more) = await ListFromStorageAsync(endpoint, filter, continued.Revision, continued.StartAfterKey, query.Limit, token)
                    .ConfigureAwait(false);
                revision = continued.Revision;
            }
        }
        else if (query.ResourceVersionMatch == "Exact")
        {
            revision = query.ResourceVersion!.Value;
            await EnsureNotFutureAsync(revision, token).ConfigureAwait(false);
            (items, more) = await ListFromStorageAsync(endpoint, filter, revision, null, query.Limit, token).ConfigureAwait(false);
        }
        else
        {
            await WaitForFreshEnoughAsync(query.ResourceVersion, token).ConfigureAwait(false);
            items = cache.List(filter, null, query.Limit, out revision, out more);
        }
        var next = more && items.Count > 0 ? new ContinueToken(revision, items[^1].Key).Encode() : null;
        await ListResponse.WriteAsync(context.Response, endpoint.Resource, items.Select(i => endpoint.Store.ServedJson(i.Json)), revision, next, format,
            endpoint.Table, _time.GetUtcNow(), token).ConfigureAwait(false);
    }

    /// <summary>WATCH, served from the watch cache.</summary>
    public async Task WatchAsync(HttpContext context, ResourceEndpoint endpoint, string? ns, ListQuery query)
    {
        var format = MediaTypes.Negotiate(context.Request.Headers.Accept, context.Request.Query["includeObject"]);
        var filter = FilterCompiler.Compile(ns, query.LabelSelector, query.FieldSelector, endpoint.SelectableFields);
        var token = context.RequestAborted;
        var response = new WatchResponse(context.Response, endpoint.Resource, format, endpoint.Table, _time,
            endpoint.Store.Converter is null ? null : endpoint.Store.ServedJson);
        long? from = query.ResourceVersion is null or 0 ? null : query.ResourceVersion;
        if (query.ResourceVersion is null)
        {
            // No resourceVersion: the initial state must include every write acknowledged before the request.
            await WaitForFreshEnoughAsync(null, token).ConfigureAwait(false);
        }
        if (query.SendInitialEvents == false && from is null)
        {
            from = _cache.Revision;
        }
        if (from is { } wanted && !await _cache.WaitForRevisionAsync(wanted, _settings.CacheWaitTimeout, token).ConfigureAwait(false))
        {
            throw TooLargeResourceVersion(wanted);
        }
        CacheWatcher watcher;
        try
        {
            watcher = endpoint.Store.Cache.Watch(filter, from, out _);
        }
        catch (StatusException e) when (e.Code == 410)
        {
            await response.WriteErrorAsync(e, token).ConfigureAwait(false);
            return;
        }
        using (watcher)
        {
            var timeout = query.TimeoutSeconds is int seconds and > 0
                ? TimeSpan.FromSeconds(seconds)
                : _settings.MinWatchTimeout * (1 + Random.Shared.NextDouble());
            var bookmarks = query.AllowWatchBookmarks ? _settings.BookmarkInterval : (TimeSpan?)null;
            await response.StreamAsync(watcher, () => _cache.Revision, bookmarks, timeout, token).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the watch cache is recent enough for <paramref name="resourceVersion"/> (null: consistent).</summary>
    internal async Task WaitForFreshEnoughAsync(long? resourceVersion, CancellationToken cancellationToken)
    {
        switch (resourceVersion)
        {
            case null:
                if (!await _cache.WaitUntilCurrentAsync(_settings.CacheWaitTimeout, cancellationToken).ConfigureAwait(false))
                {
                    throw StatusErrors.ServiceUnavailable("the watch cache did not catch up with the datastore in time");
                }
                break;
            case 0:
                break;
            case var wanted:
                if (!await _cache.WaitForRevisionAsync(wanted.Value, _settings.CacheWaitTimeout, cancellationToken).ConfigureAwait(false))
                {
                    throw TooLargeResourceVersion(wanted.Value);
                }
                break;
        }
    }

    private async Task EnsureNotFutureAsync(long revision, CancellationToken cancellationToken)
    {
        var current = await _kv.CurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
        if (revision > current)
        {
            throw TooLargeResourceVersion(revision);
        }
    }

    private StatusException TooLargeResourceVersion(long wanted) =>
        new(504, "Timeout", $"Too large resource version: {wanted}, current: {_cache.Revision}",
            new StatusDetails { Causes = [new StatusCause("ResourceVersionTooLarge", "Too large resource version")], RetryAfterSeconds = 1 });

    private async Task<(List<CachedObject> Items, bool More)> ListFromStorageAsync(ResourceEndpoint endpoint, ObjectFilter filter,
        long revision, string? startAfter, int limit, CancellationToken cancellationToken)
    {
        var store = endpoint.Store;
        var prefix = store.Resource.Namespaced && filter.Namespace is { } ns ? store.Resource.StoragePrefix + ns + "/" : store.Resource.StoragePrefix;
        var items = new List<CachedObject>();
        var after = startAfter;
        while (true)
        {
            ListResult page;
            try
            {
                page = await _kv.ListAsync(prefix, new ListOptions(revision, Math.Max(limit, 500), after), cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.Compacted)
            {
                throw StatusErrors.Expired(startAfter is null
                    ? $"too old resource version: {revision}"
                    : "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            }
            foreach (var kv in page.Items)
            {
                var obj = CachedObjects.Create(kv.Key, kv.Value.Span, kv.ModRevision, store.Cache.Fields);
                if (!filter.Matches(obj))
                {
                    continue;
                }
                if (limit > 0 && items.Count == limit)
                {
                    return (items, true);
                }
                items.Add(obj);
            }
            if (!page.More || page.Items.Count == 0)
            {
                return (items, false);
            }
            after = page.Items[^1].Key;
        }
    }
}
