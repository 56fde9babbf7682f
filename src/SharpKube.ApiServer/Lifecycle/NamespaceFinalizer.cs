using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Store;
using SharpKube.ApiServer.WatchCache;

namespace SharpKube.ApiServer.Lifecycle;

/// <summary>
/// Empties namespaces that are being deleted and then releases their <c>kubernetes</c> finalizer, so a
/// deleted namespace goes away as it does upstream. This is the namespace controller's job; it runs inside
/// the API server until the controller manager exists, through the same generic stores as every request.
/// </summary>
public sealed class NamespaceFinalizer : IAsyncDisposable
{
    private const string Finalizer = "kubernetes";

    private readonly ResourceCatalog _catalog;
    private readonly ResourceEndpoint _namespaces;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates the finalizer over the served resources.</summary>
    public NamespaceFinalizer(ResourceCatalog catalog, TimeProvider time, ILogger logger)
    {
        _catalog = catalog;
        _namespaces = catalog.Find("", "v1", "namespaces") ?? throw new InvalidOperationException("namespaces are not served");
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts following namespace changes.</summary>
    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var ns in _namespaces.Store.Cache.List(ObjectFilter.Everything, null, 0, out _, out _))
                {
                    if (IsTerminating(ns))
                    {
                        await FinalizeAsync(ns.Name, cancellationToken).ConfigureAwait(false);
                    }
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is StatusException or SharpKube.Storage.StorageException)
            {
                _logger.LogWarning(e, "Namespace cleanup failed; retrying");
            }
        }
    }

    private static bool IsTerminating(CachedObject ns)
    {
        using var document = JsonDocument.Parse(ns.Json);
        var root = document.RootElement;
        return root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("deletionTimestamp", out _)
            && root.TryGetProperty("spec", out var spec) && spec.TryGetProperty("finalizers", out var finalizers)
            && finalizers.ValueKind == JsonValueKind.Array
            && finalizers.EnumerateArray().Any(f => f.ValueKind == JsonValueKind.String && f.GetString() == Finalizer);
    }

    private async Task FinalizeAsync(string ns, CancellationToken cancellationToken)
    {
        var remaining = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in _catalog.All)
        {
            if (!endpoint.Resource.Namespaced || !seen.Add(endpoint.Resource.StoragePrefix))
            {
                continue;
            }
            var objects = endpoint.Store.Cache.List(new ObjectFilter(ns, null), null, 0, out _, out _);
            foreach (var obj in objects)
            {
                remaining++;
                if (IsDeleting(obj))
                {
                    continue;
                }
                try
                {
                    await endpoint.Store.DeleteAsync(ns, obj.Name, DeleteRequest.Default, cancellationToken).ConfigureAwait(false);
                }
                catch (StatusException e) when (e.Code is 404 or 409)
                {
                }
            }
        }
        if (remaining > 0)
        {
            return;
        }
        await _namespaces.Store.UpdateAsync(null, ns, current =>
        {
            var updated = current!;
            if (updated["spec"] is JsonObject spec && spec["finalizers"] is JsonArray finalizers)
            {
                spec["finalizers"] = new JsonArray([.. finalizers.Where(f => f?.GetValue<string>() != Finalizer).Select(f => f?.DeepClone())]);
            }
            return updated;
        }, "finalize", WriteOptions.Default, allowCreate: false, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Namespace {Namespace} emptied and finalized", ns);
    }

    private static bool IsDeleting(CachedObject obj)
    {
        using var document = JsonDocument.Parse(obj.Json);
        return document.RootElement.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("deletionTimestamp", out _);
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
