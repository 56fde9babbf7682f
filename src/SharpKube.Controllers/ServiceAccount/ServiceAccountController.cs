using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.ServiceAccount;

/// <summary>
/// Keeps a <c>default</c> ServiceAccount in every active namespace, as upstream's <c>serviceaccount</c> controller:
/// it creates one when a namespace appears or becomes active, and again when it is deleted. Terminating
/// namespaces are left alone. Keys are namespace names.
/// </summary>
public sealed class ServiceAccountController : IController
{
    /// <summary>The name of the ServiceAccount every namespace gets.</summary>
    public const string DefaultServiceAccountName = "default";

    private readonly ControllerContext _context;
    private readonly SharedInformer<V1Namespace> _namespaces;
    private readonly SharedInformer<V1ServiceAccount> _serviceAccounts;
    private readonly ResourceClient<V1ServiceAccount> _client;
    private readonly RateLimitingQueue<string> _queue;
    private readonly ILogger _logger;

    /// <summary>Registers the handlers on the shared namespace and ServiceAccount informers.</summary>
    public ServiceAccountController(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<ServiceAccountController>();
        _client = new ResourceClient<V1ServiceAccount>(context.Client);
        _queue = new RateLimitingQueue<string>(time: context.Time);
        _namespaces = context.Informers.Informer<V1Namespace>();
        _serviceAccounts = context.Informers.Informer<V1ServiceAccount>();
        _namespaces.AddEventHandler(new ResourceEventHandler<V1Namespace>
        {
            OnAdd = ns => _queue.Add(ns.Metadata.Name),
            OnUpdate = (_, ns) => _queue.Add(ns.Metadata.Name),
        });
        _serviceAccounts.AddEventHandler(new ResourceEventHandler<V1ServiceAccount>
        {
            OnDelete = sa =>
            {
                if (sa.Metadata.Name == DefaultServiceAccountName)
                {
                    _queue.Add(sa.Metadata.NamespaceProperty);
                }
            },
        });
    }

    /// <inheritdoc/>
    public string Name => "serviceaccount";

    /// <inheritdoc/>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ControllerWorkers.RunAsync(_queue, SyncAsync, _context.Options.Workers, _logger, cancellationToken);

    private async Task SyncAsync(string ns, CancellationToken cancellationToken)
    {
        var namespaceObject = _namespaces.Indexer.Get(null, ns);
        if (namespaceObject is null || namespaceObject.Metadata.DeletionTimestamp is not null
            || namespaceObject.Status?.Phase is { } phase && phase != "Active")
        {
            return;
        }
        if (_serviceAccounts.Indexer.Get(ns, DefaultServiceAccountName) is not null)
        {
            return;
        }
        try
        {
            await _client.CreateAsync(new V1ServiceAccount
            {
                Metadata = new V1ObjectMeta { Name = DefaultServiceAccountName, NamespaceProperty = ns },
            }, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Created ServiceAccount {Namespace}/{Name}", ns, DefaultServiceAccountName);
        }
        catch (Exception e) when (ApiErrors.IsConflict(e))
        {
            // Created since the cache was read (by us before the watch caught up, or by someone else).
        }
        catch (Exception e) when (ApiErrors.HasStatusCause(e, "NamespaceTerminating") || ApiErrors.IsNotFound(e))
        {
            // The namespace started terminating, or went away, since the cache was read.
        }
    }
}
