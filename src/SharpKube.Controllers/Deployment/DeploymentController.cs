using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// The deployment controller (component <c>deployment-controller</c>): rolls Deployments out through ReplicaSets
/// named by their pod template's hash — RollingUpdate within maxSurge/maxUnavailable or Recreate — keeps revisions,
/// history and the status and conditions <c>kubectl rollout</c> reads, and scales proportionally mid-rollout.
/// Informer handlers only queue Deployment keys: a Deployment's own changes, changes of the ReplicaSets it controls
/// (or that it could adopt), and the pods of Recreate Deployments going away.
/// </summary>
public sealed class DeploymentController : IController
{
    /// <summary>The component name events carry.</summary>
    public const string Component = "deployment-controller";

    private readonly RateLimitingQueue<string> _queue;
    private readonly Indexer<V1Deployment> _deployments;
    private readonly Indexer<V1ReplicaSet> _replicaSets;
    private readonly DeploymentSync _sync;
    private readonly ILogger _logger;
    private readonly int _workers;

    /// <summary>Builds the controller and registers its informer handlers.</summary>
    public DeploymentController(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _logger = context.LoggerFactory.CreateLogger<DeploymentController>();
        _workers = context.Options.Workers;
        _queue = new RateLimitingQueue<string>(time: context.Time);
        var deployments = context.Informers.Informer<V1Deployment>();
        var replicaSets = context.Informers.Informer<V1ReplicaSet>();
        var pods = context.Informers.Informer<V1Pod>();
        _deployments = deployments.Indexer;
        _replicaSets = replicaSets.Indexer;
        var syncContext = new DeploymentSyncContext
        {
            Deployments = new ResourceClient<V1Deployment>(context.Client),
            ReplicaSets = new ResourceClient<V1ReplicaSet>(context.Client),
            ReplicaSetCache = replicaSets.Indexer,
            Recorder = context.EventRecorder(Component),
            Time = context.Time,
            Logger = _logger,
            EnqueueAfter = _queue.AddAfter,
        };
        _sync = new DeploymentSync(syncContext, deployments.Indexer, pods.Indexer);
        deployments.AddEventHandler(new ResourceEventHandler<V1Deployment>
        {
            OnAdd = Enqueue,
            OnUpdate = (_, current) => Enqueue(current),
            OnDelete = Enqueue,
        });
        replicaSets.AddEventHandler(new ResourceEventHandler<V1ReplicaSet>
        {
            OnAdd = OnReplicaSetAdded,
            OnUpdate = OnReplicaSetUpdated,
            OnDelete = OnReplicaSetDeleted,
        });
        pods.AddEventHandler(new ResourceEventHandler<V1Pod>
        {
            OnUpdate = (old, current) =>
            {
                if (old.Status?.Phase != current.Status?.Phase)
                {
                    EnqueueRecreateOwnerOf(current);
                }
            },
            OnDelete = EnqueueRecreateOwnerOf,
        });
    }

    /// <inheritdoc/>
    public string Name => "deployment";

    /// <inheritdoc/>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ControllerWorkers.RunAsync(_queue, _sync.SyncAsync, _workers, _logger, cancellationToken);

    private void Enqueue(V1Deployment deployment) => _queue.Add(MetaNamespaceKey.For(deployment));

    private void OnReplicaSetAdded(V1ReplicaSet rs)
    {
        if (rs.Metadata.DeletionTimestamp is not null)
        {
            OnReplicaSetDeleted(rs);
            return;
        }
        if (ControllerRefs.Of(rs.Metadata) is { } owner)
        {
            EnqueueOwner(rs.Metadata.NamespaceProperty, owner);
            return;
        }
        // An orphan: every Deployment that could adopt it should look.
        EnqueueMatching(rs);
    }

    private void OnReplicaSetUpdated(V1ReplicaSet old, V1ReplicaSet current)
    {
        if (old.Metadata.ResourceVersion == current.Metadata.ResourceVersion)
        {
            return;
        }
        var oldOwner = ControllerRefs.Of(old.Metadata);
        var currentOwner = ControllerRefs.Of(current.Metadata);
        var ownerChanged = !ControllerRefs.Same(oldOwner, currentOwner);
        if (ownerChanged && oldOwner is not null)
        {
            EnqueueOwner(old.Metadata.NamespaceProperty, oldOwner);
        }
        if (currentOwner is not null)
        {
            EnqueueOwner(current.Metadata.NamespaceProperty, currentOwner);
            return;
        }
        if (ownerChanged || !SameLabels(old.Metadata.Labels, current.Metadata.Labels))
        {
            EnqueueMatching(current);
        }
    }

    private void OnReplicaSetDeleted(V1ReplicaSet rs)
    {
        if (ControllerRefs.Of(rs.Metadata) is { } owner)
        {
            EnqueueOwner(rs.Metadata.NamespaceProperty, owner);
        }
    }

    private void EnqueueRecreateOwnerOf(V1Pod pod)
    {
        var ns = pod.Metadata.NamespaceProperty;
        if (ControllerRefs.Of(pod.Metadata) is not { Kind: "ReplicaSet" } rsRef
            || _replicaSets.Get(ns, rsRef.Name) is not { } rs
            || rs.Metadata.Uid != rsRef.Uid
            || ControllerRefs.Of(rs.Metadata) is not { } deploymentRef
            || Resolve(ns, deploymentRef) is not { } deployment)
        {
            return;
        }
        // Recreate waits for old pods to be gone; rolling updates do not look at pods.
        if (deployment.Spec?.Strategy?.Type == DeploymentReplicas.Recreate)
        {
            Enqueue(deployment);
        }
    }

    private void EnqueueOwner(string ns, V1OwnerReference owner)
    {
        if (Resolve(ns, owner) is { } deployment)
        {
            Enqueue(deployment);
        }
    }

    private V1Deployment? Resolve(string ns, V1OwnerReference owner) =>
        ControllerRefs.IsDeployment(owner) && _deployments.Get(ns, owner.Name) is { } deployment && deployment.Metadata.Uid == owner.Uid
            ? deployment
            : null;

    private void EnqueueMatching(V1ReplicaSet rs)
    {
        foreach (var deployment in _deployments.List(rs.Metadata.NamespaceProperty))
        {
            try
            {
                var selector = LabelSelectors.From(deployment.Spec?.Selector);
                if (!selector.IsEverything && !selector.IsNothing && LabelSelectors.Matches(selector, rs.Metadata.Labels))
                {
                    Enqueue(deployment);
                }
            }
            catch (ApiMachinery.Selectors.SelectorParseException)
            {
                // The Deployment's own sync reports its invalid selector.
            }
        }
    }

    private static bool SameLabels(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(p => b!.TryGetValue(p.Key, out var v) && v == p.Value));
}
