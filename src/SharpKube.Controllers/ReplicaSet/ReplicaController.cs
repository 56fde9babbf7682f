using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.Ownership;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>
/// The core the ReplicaSet and ReplicationController controllers share: informer handlers that only enqueue the
/// affected controller's key (and count observed pod creations and deletions against its expectations), and
/// workers running <see cref="ReplicaSync{TOwner}"/>.
/// </summary>
/// <typeparam name="TOwner">The controller's model type.</typeparam>
public sealed class ReplicaController<TOwner> : IController
    where TOwner : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ControllerContext _context;
    private readonly IReplicaKind<TOwner> _kind;
    private readonly SharedInformer<TOwner> _owners;
    private readonly RateLimitingQueue<string> _queue;
    private readonly ControllerExpectations _expectations;
    private readonly ReplicaSync<TOwner> _sync;
    private readonly ILogger _logger;

    /// <summary>Builds the controller and registers its handlers on the shared informers.</summary>
    public ReplicaController(ControllerContext context, IReplicaKind<TOwner> kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _kind = kind ?? throw new ArgumentNullException(nameof(kind));
        _logger = context.LoggerFactory.CreateLogger("controller." + kind.ControllerName);
        _owners = context.Informers.Informer<TOwner>();
        var pods = context.Informers.Informer<V1Pod>();
        PodControllerIndex.AddTo(pods);
        _queue = new RateLimitingQueue<string>(DefaultControllerRateLimiter.Create<string>(context.Time), context.Time);
        _expectations = new ControllerExpectations(context.Time);
        var podClient = new ResourceClient<V1Pod>(context.Client);
        var ownerClient = new ResourceClient<TOwner>(context.Client);
        var recorder = context.EventRecorder(kind.Component);
        var claimer = new PodClaimer<TOwner>(podClient, ownerClient, kind, _logger);
        var scaler = new ReplicaScaler<TOwner>(podClient, pods, _owners, kind, _expectations, recorder, context.Time, _logger);
        _sync = new ReplicaSync<TOwner>(_owners, pods, ownerClient, kind, _expectations, claimer, scaler, _queue, context.Time, _logger);
        _owners.AddEventHandler(new ResourceEventHandler<TOwner>
        {
            OnAdd = Enqueue,
            OnUpdate = OnOwnerUpdate,
            OnDelete = OnOwnerDelete,
        });
        pods.AddEventHandler(new ResourceEventHandler<V1Pod>
        {
            OnAdd = OnPodAdd,
            OnUpdate = OnPodUpdate,
            OnDelete = OnPodDelete,
        });
    }

    /// <inheritdoc/>
    public string Name => _kind.ControllerName;

    /// <inheritdoc/>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ControllerWorkers.RunAsync(_queue, _sync.SyncAsync, _context.Options.Workers, _logger, cancellationToken);

    private void Enqueue(TOwner owner) => _queue.Add(MetaNamespaceKey.For(owner));

    private void OnOwnerUpdate(TOwner old, TOwner current)
    {
        if (old.Metadata.Uid != current.Metadata.Uid)
        {
            // Deleted and re-created under the same name while the informer was away: the old one's expectations go.
            OnOwnerDelete(old);
        }
        Enqueue(current);
    }

    private void OnOwnerDelete(TOwner owner)
    {
        var key = MetaNamespaceKey.For(owner);
        _expectations.Delete(key);
        _queue.Add(key);
    }

    private void OnPodAdd(V1Pod pod)
    {
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            // Seen for the first time already being deleted (e.g. after a restart): it will not count as a replica.
            OnPodDelete(pod);
            return;
        }
        if (ControllerRef.Of(pod) is { } reference)
        {
            if (Resolve(pod.Metadata.NamespaceProperty, reference) is { } owner)
            {
                var key = MetaNamespaceKey.For(owner);
                _expectations.CreationObserved(key);
                _queue.Add(key);
            }
            return;
        }
        // An orphan: whoever selects it may adopt it.
        foreach (var owner in OwnersSelecting(pod))
        {
            Enqueue(owner);
        }
    }

    private void OnPodUpdate(V1Pod old, V1Pod current)
    {
        if (old.Metadata.ResourceVersion == current.Metadata.ResourceVersion)
        {
            return;
        }
        var labelsChanged = !SameLabels(old, current);
        if (current.Metadata.DeletionTimestamp is not null)
        {
            // A pod being deleted no longer counts: observe its deletion now, not when it is finally removed.
            OnPodDelete(current);
            if (labelsChanged)
            {
                OnPodDelete(old);
            }
            return;
        }
        var oldRef = ControllerRef.Of(old);
        var currentRef = ControllerRef.Of(current);
        var refChanged = oldRef?.Uid != currentRef?.Uid;
        if (refChanged && oldRef is not null && Resolve(old.Metadata.NamespaceProperty, oldRef) is { } previousOwner)
        {
            Enqueue(previousOwner);
        }
        if (currentRef is not null)
        {
            if (Resolve(current.Metadata.NamespaceProperty, currentRef) is { } owner)
            {
                Enqueue(owner);
                var minReadySeconds = _kind.MinReadySeconds(owner);
                if (minReadySeconds > 0 && !PodReadiness.IsReady(old) && PodReadiness.IsReady(current))
                {
                    // Available minReadySeconds from now; a second more absorbs clock granularity, as upstream.
                    _queue.AddAfter(MetaNamespaceKey.For(owner), TimeSpan.FromSeconds(minReadySeconds + 1));
                }
            }
            return;
        }
        if (labelsChanged || refChanged)
        {
            foreach (var owner in OwnersSelecting(current))
            {
                Enqueue(owner);
            }
        }
    }

    private void OnPodDelete(V1Pod pod)
    {
        if (ControllerRef.Of(pod) is not { } reference || Resolve(pod.Metadata.NamespaceProperty, reference) is not { } owner)
        {
            return;
        }
        var key = MetaNamespaceKey.For(owner);
        _expectations.DeletionObserved(key, MetaNamespaceKey.For(pod));
        _queue.Add(key);
    }

    /// <summary>The cached controller a controller reference names, when it is of this kind and has that uid.</summary>
    private TOwner? Resolve(string? ns, V1OwnerReference reference)
    {
        if (reference.Kind != _kind.Kind)
        {
            return null;
        }
        var owner = _owners.Indexer.Get(ns, reference.Name);
        return owner?.Metadata.Uid == reference.Uid ? owner : null;
    }

    /// <summary>The controllers of the pod's namespace whose selector matches it (an empty selector matches nothing here).</summary>
    private IEnumerable<TOwner> OwnersSelecting(V1Pod pod)
    {
        foreach (var owner in _owners.Indexer.List(pod.Metadata.NamespaceProperty ?? ""))
        {
            LabelSelector selector;
            try
            {
                selector = _kind.Selector(owner);
            }
            catch (SelectorParseException)
            {
                continue;
            }
            if (!selector.IsEverything && LabelSelectors.Matches(selector, pod.Metadata.Labels))
            {
                yield return owner;
            }
        }
    }

    private static bool SameLabels(V1Pod a, V1Pod b)
    {
        var x = a.Metadata.Labels;
        var y = b.Metadata.Labels;
        if (x is null || x.Count == 0 || y is null || y.Count == 0)
        {
            return (x?.Count ?? 0) == (y?.Count ?? 0);
        }
        return x.Count == y.Count && x.All(l => y.TryGetValue(l.Key, out var v) && v == l.Value);
    }
}
