using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Client.Resources;

namespace SharpKube.Client.Events;

/// <summary>
/// Records core/v1 Events about objects, as upstream's event recorder does. <see cref="Event(IKubernetesObject{V1ObjectMeta}, string, string, string)"/>
/// never blocks and never throws: events go into a bounded buffer (dropped when it is full) that
/// <see cref="RunAsync"/> writes out. An event identical to one recorded within the aggregation window increments
/// that Event's <c>count</c> and <c>lastTimestamp</c> instead of creating another; identical events beyond a
/// burst are rate limited.
/// </summary>
public sealed class EventRecorder
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];
    private readonly IKubernetes _client;
    private readonly EventRecorderOptions _options;
    private readonly ILogger _logger;
    private readonly EventCorrelator _correlator;
    private readonly Channel<PendingEvent> _pending;

    /// <summary>A recorder writing through <paramref name="client"/> as <paramref name="options"/>' component.</summary>
    public EventRecorder(IKubernetes client, EventRecorderOptions options, ILogger? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger.Instance;
        _correlator = new EventCorrelator(options);
        _pending = Channel.CreateBounded<PendingEvent>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
    }

    /// <summary>Records an event about <paramref name="obj"/>; <paramref name="type"/> is <see cref="EventType.Normal"/> or <see cref="EventType.Warning"/>.</summary>
    public void Event(IKubernetesObject<V1ObjectMeta> obj, string type, string reason, string message)
    {
        if (obj?.Metadata is not { } metadata)
        {
            _logger.LogWarning("Dropped event {Reason}: the object has no metadata", reason);
            return;
        }
        var entity = obj.GetType().GetCustomAttribute<KubernetesEntityAttribute>();
        Event(new V1ObjectReference
        {
            ApiVersion = obj.ApiVersion ?? (entity is null ? null : string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : entity.Group + "/" + entity.ApiVersion),
            Kind = obj.Kind ?? entity?.Kind,
            NamespaceProperty = metadata.NamespaceProperty,
            Name = metadata.Name,
            Uid = metadata.Uid,
            ResourceVersion = metadata.ResourceVersion,
        }, type, reason, message);
    }

    /// <summary>Records an event about the object <paramref name="involvedObject"/> refers to.</summary>
    public void Event(V1ObjectReference involvedObject, string type, string reason, string message)
    {
        if (involvedObject is null || string.IsNullOrEmpty(involvedObject.Name))
        {
            _logger.LogWarning("Dropped event {Reason}: no involved object name", reason);
            return;
        }
        var pending = new PendingEvent(involvedObject, type ?? EventType.Normal, reason ?? "", message ?? "", _options.Time.GetUtcNow());
        if (!_pending.Writer.TryWrite(pending))
        {
            _logger.LogWarning("Dropped event {Reason} about {Kind} {Name}: too many events waiting", reason, involvedObject.Kind, involvedObject.Name);
        }
    }

    /// <summary>Writes the recorded events until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var pending in _pending.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_correlator.Correlate(pending) is { } correlated)
                {
                    await WriteWithRetriesAsync(correlated, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteWithRetriesAsync(CorrelatedEvent correlated, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await WriteAsync(correlated, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt == RetryDelays.Length || e is k8s.Autorest.HttpOperationException { Response.StatusCode: < System.Net.HttpStatusCode.InternalServerError })
                {
                    _logger.LogWarning("Could not write event {Name} ({Reason}): {Message}", correlated.Event.Metadata.Name, correlated.Event.Reason, e.Message);
                    return;
                }
            }
            await Task.Delay(RetryDelays[attempt], _options.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(CorrelatedEvent correlated, CancellationToken cancellationToken)
    {
        var ev = correlated.Event;
        var ns = ev.Metadata.NamespaceProperty;
        if (correlated.IsRepeat)
        {
            var patch = new V1Patch(new JsonObject
            {
                ["count"] = ev.Count ?? 1,
                ["lastTimestamp"] = ev.LastTimestamp!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["message"] = ev.Message,
            }.ToJsonString(), V1Patch.PatchType.MergePatch);
            try
            {
                await _client.CoreV1.PatchNamespacedEventAsync(patch, ev.Metadata.Name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsNotFound(e))
            {
                // The Event expired or was deleted: write it anew, with the count so far.
            }
        }
        try
        {
            await _client.CoreV1.CreateNamespacedEventAsync(ev, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsConflict(e))
        {
            // Already written (a retried create that had succeeded).
        }
    }
}
