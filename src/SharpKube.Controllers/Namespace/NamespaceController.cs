using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.Namespace;

/// <summary>
/// Deletes what is in a namespace once the namespace is being deleted, then releases the namespace's
/// <c>kubernetes</c> finalizer through <c>namespaces/{name}/finalize</c> so the API server removes it — upstream's
/// <c>namespace</c> controller. While objects remain (pods in their grace period, objects held by finalizers) it
/// looks again after half the expected wait; the namespace's conditions say what is left.
/// </summary>
public sealed class NamespaceController : IController
{
    /// <summary>The finalizer this controller owns.</summary>
    public const string KubernetesFinalizer = "kubernetes";

    private readonly ControllerContext _context;
    private readonly NamespaceContentDeleter _deleter;
    private readonly RateLimitingQueue<string> _queue;
    private readonly ILogger _logger;

    /// <summary>Registers the handlers on the shared namespace informer.</summary>
    public NamespaceController(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<NamespaceController>();
        _deleter = new NamespaceContentDeleter(context.Client, context.Time, _logger);
        // Upstream's namespace queue: per-key backoff from 5 ms to 60 s, no overall bucket.
        _queue = new RateLimitingQueue<string>(
            new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(60)), context.Time);
        context.Informers.Informer<V1Namespace>().AddEventHandler(new ResourceEventHandler<V1Namespace>
        {
            OnAdd = Enqueue,
            OnUpdate = (_, ns) => Enqueue(ns),
        });
    }

    /// <inheritdoc/>
    public string Name => "namespace";

    /// <inheritdoc/>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ControllerWorkers.RunAsync(_queue, SyncAsync, _context.Options.Workers, _logger, cancellationToken);

    private void Enqueue(V1Namespace ns)
    {
        if (ns.Metadata.DeletionTimestamp is not null)
        {
            _queue.AddAfter(ns.Metadata.Name, _context.Options.NamespaceDeletionDelay);
        }
    }

    private async Task SyncAsync(string name, CancellationToken cancellationToken)
    {
        // The latest state, not the cache's: other controllers edit terminating namespaces too.
        var ns = await ReadAsync(name, cancellationToken).ConfigureAwait(false);
        if (ns?.Metadata.DeletionTimestamp is null)
        {
            return;
        }
        if (ns.Status?.Phase != "Terminating")
        {
            ns.Status ??= new V1NamespaceStatus();
            ns.Status.Phase = "Terminating";
            ns = await _context.Client.CoreV1.ReplaceNamespaceStatusAsync(ns, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        if (ns.Spec?.Finalizers is not { } finalizers || !finalizers.Contains(KubernetesFinalizer))
        {
            return;
        }
        var estimate = await _deleter.DeleteAllContentAsync(ns, cancellationToken).ConfigureAwait(false);
        if (estimate > 0)
        {
            _logger.LogInformation("Namespace {Namespace} still has content; looking again in {Seconds} s", name, estimate / 2 + 1);
            _queue.AddAfter(name, TimeSpan.FromSeconds(estimate / 2 + 1));
            return;
        }
        await FinalizeAsync(ns, cancellationToken).ConfigureAwait(false);
    }

    private async Task FinalizeAsync(V1Namespace ns, CancellationToken cancellationToken)
    {
        var name = ns.Metadata.Name;
        var uid = ns.Metadata.Uid;
        while (true)
        {
            ns.Spec.Finalizers = [.. ns.Spec.Finalizers.Where(f => f != KubernetesFinalizer).Distinct().Order(StringComparer.Ordinal)];
            try
            {
                await _context.Client.CoreV1.ReplaceNamespaceFinalizeAsync(ns, name, cancellationToken: cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Namespace {Namespace} emptied and finalized", name);
                return;
            }
            catch (Exception e) when (ApiErrors.IsNotFound(e))
            {
                return;
            }
            catch (Exception e) when (ApiErrors.IsConflict(e))
            {
                var latest = await ReadAsync(name, cancellationToken).ConfigureAwait(false);
                if (latest is null)
                {
                    return;
                }
                if (latest.Metadata.Uid != uid)
                {
                    throw new InvalidOperationException($"namespace {name} was replaced by another one while being finalized", e);
                }
                if (latest.Spec?.Finalizers is not { } finalizers || !finalizers.Contains(KubernetesFinalizer))
                {
                    return;
                }
                ns = latest;
            }
        }
    }

    private async Task<V1Namespace?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _context.Client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }
}
