using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.NodeLifecycle;

namespace SharpKube.Controllers.TaintEviction;

/// <summary>
/// Deletes pods from nodes with <c>NoExecute</c> taints they do not tolerate — at once when some taint is not
/// tolerated at all, after the shortest <c>tolerationSeconds</c> of the tolerations used otherwise, never when those
/// have no limit — as upstream's <c>taint-eviction-controller</c>. The wait counts from when the controller first saw
/// the pod under the taints; a taint lifted (or a toleration widened) in the meantime cancels the eviction. A
/// deleted pod first gets the <c>DisruptionTarget</c> condition. Keys are pods.
/// </summary>
public sealed class TaintEvictionController : IController
{
    private readonly ControllerContext _context;
    private readonly SharedInformer<V1Pod> _pods;
    private readonly SharedInformer<V1Node> _nodes;
    private readonly ResourceClient<V1Pod> _client;
    private readonly RateLimitingQueue<string> _queue;
    private readonly EventRecorder _recorder;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Uid, DateTimeOffset Since)> _scheduled = new(StringComparer.Ordinal);

    /// <summary>Registers the handlers on the shared pod and node informers.</summary>
    public TaintEvictionController(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<TaintEvictionController>();
        _recorder = context.EventRecorder("taint-eviction-controller");
        _client = new ResourceClient<V1Pod>(context.Client);
        _queue = new RateLimitingQueue<string>(time: context.Time);
        _pods = context.Informers.Informer<V1Pod>();
        _nodes = context.Informers.Informer<V1Node>();
        PodsByNode.EnsureIndex(_pods);
        _pods.AddEventHandler(new ResourceEventHandler<V1Pod>
        {
            OnAdd = pod => EnqueueIfBound(pod),
            OnUpdate = (old, pod) =>
            {
                if (old.Spec?.NodeName != pod.Spec?.NodeName || !SameTolerations(old, pod) || pod.Metadata.DeletionTimestamp is not null)
                {
                    EnqueueIfBound(pod);
                }
            },
            OnDelete = pod => _queue.Add(MetaNamespaceKey.For(pod)),
        });
        _nodes.AddEventHandler(new ResourceEventHandler<V1Node>
        {
            OnAdd = EnqueuePodsOn,
            OnUpdate = (old, node) =>
            {
                if (!SameNoExecuteTaints(old, node))
                {
                    EnqueuePodsOn(node);
                }
            },
            OnDelete = EnqueuePodsOn,
        });
    }

    /// <inheritdoc/>
    public string Name => "taint-eviction-controller";

    /// <inheritdoc/>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ControllerWorkers.RunAsync(_queue, SyncAsync, _context.Options.Workers, _logger, cancellationToken);

    private void EnqueueIfBound(V1Pod pod)
    {
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            _queue.Add(MetaNamespaceKey.For(pod));
        }
    }

    private void EnqueuePodsOn(V1Node node)
    {
        foreach (var pod in PodsByNode.On(_pods, node.Metadata.Name))
        {
            _queue.Add(MetaNamespaceKey.For(pod));
        }
    }

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = MetaNamespaceKey.Split(key);
        var pod = _pods.Indexer.GetByKey(key);
        if (pod is null || pod.Metadata.DeletionTimestamp is not null || string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            Forget(key);
            return;
        }
        var taints = NodeTaints.NoExecuteOf(_nodes.Indexer.Get(null, pod.Spec.NodeName));
        if (taints.Count == 0)
        {
            Cancel(key, pod);
            return;
        }
        var (allTolerated, used) = Tolerations.Match(taints, pod.Spec.Tolerations);
        var tolerated = allTolerated ? Tolerations.MinimumTime(used) : TimeSpan.Zero;
        if (tolerated is null)
        {
            Cancel(key, pod);
            return;
        }
        var now = _context.Time.GetUtcNow();
        DateTimeOffset since;
        lock (_lock)
        {
            if (!_scheduled.TryGetValue(key, out var scheduled) || scheduled.Uid != pod.Metadata.Uid)
            {
                scheduled = (pod.Metadata.Uid, now);
                _scheduled[key] = scheduled;
            }
            since = scheduled.Since;
        }
        var due = since + tolerated.Value;
        if (due > now)
        {
            _queue.AddAfter(key, due - now);
            return;
        }
        await EvictAsync(ns!, name, pod, cancellationToken).ConfigureAwait(false);
        Forget(key);
    }

    private async Task EvictAsync(string ns, string name, V1Pod pod, CancellationToken cancellationToken)
    {
        _logger.LogInformation("Deleting pod {Namespace}/{Pod} from node {Node} for its NoExecute taints", ns, name, pod.Spec.NodeName);
        _recorder.Event(pod, EventType.Normal, "TaintManagerEviction", $"Marking for deletion Pod {ns}/{name}");
        try
        {
            if (pod.Status?.Conditions?.Any(c => c.Type == "DisruptionTarget" && c.Status == "True") != true)
            {
                var at = _context.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                var condition = $$$"""{"status":{"conditions":[{"type":"DisruptionTarget","status":"True","reason":"DeletionByTaintManager","message":"Taint manager: deleting due to NoExecute taint","lastTransitionTime":"{{{at}}}"}]}}""";
                await _client.PatchStatusAsync(ns, name, new V1Patch(condition, V1Patch.PatchType.StrategicMergePatch), cancellationToken)
                    .ConfigureAwait(false);
            }
            await _client.DeleteAsync(ns, name, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e) || ApiErrors.IsConflict(e) && pod.Metadata.Uid is not null)
        {
            // Gone already, or replaced by another pod of the same name (the uid precondition failed).
        }
    }

    private void Cancel(string key, V1Pod pod)
    {
        bool wasScheduled;
        lock (_lock)
        {
            wasScheduled = _scheduled.Remove(key);
        }
        if (wasScheduled)
        {
            _recorder.Event(pod, EventType.Normal, "TaintManagerEviction", $"Cancelling deletion of Pod {key}");
        }
    }

    private void Forget(string key)
    {
        lock (_lock)
        {
            _scheduled.Remove(key);
        }
    }

    private static bool SameTolerations(V1Pod old, V1Pod pod) =>
        k8s.KubernetesJson.Serialize(old.Spec?.Tolerations) == k8s.KubernetesJson.Serialize(pod.Spec?.Tolerations);

    private static bool SameNoExecuteTaints(V1Node old, V1Node node) =>
        k8s.KubernetesJson.Serialize(NodeTaints.NoExecuteOf(old)) == k8s.KubernetesJson.Serialize(NodeTaints.NoExecuteOf(node));
}
