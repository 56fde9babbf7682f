using System.Globalization;
using k8s.Models;
using SharpKube.Client.WorkQueues;

namespace SharpKube.Client.Events;

/// <summary>
/// Decides what an event becomes, as upstream's correlator does: dropped when the same event was recorded too
/// often (a token bucket per distinct event), a repeat of the Event already written when it recurs within the
/// aggregation window, or a new Event named <c>&lt;object-name&gt;.&lt;unique hex&gt;</c>. Similar events (same
/// object, type and reason) with <see cref="EventRecorderOptions.SimilarEventsLimit"/> different messages within
/// the window are combined: from then on they repeat one Event whose message says
/// <c>(combined from similar events): </c> and the latest message.
/// </summary>
internal sealed class EventCorrelator(EventRecorderOptions options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<EventKey, SeenEvent> _seen = [];
    private readonly Dictionary<EventKey, SimilarEvents> _similar = [];
    private long _lastNameStamp;

    /// <summary>The Event to write for <paramref name="pending"/>, or null when it is dropped by the rate limit.</summary>
    public CorrelatedEvent? Correlate(PendingEvent pending)
    {
        var now = pending.Timestamp;
        var key = EventKey.Of(pending);
        lock (_lock)
        {
            if (CombineWithSimilar(key, now))
            {
                key = key.Similar();
                pending = pending with { Message = CombinedPrefix + pending.Message };
            }
            if (!_seen.TryGetValue(key, out var seen))
            {
                seen = new SeenEvent(new TokenBucket(1 / options.SpamRefillInterval.TotalSeconds, options.SpamBurst, now)) { LastTimestamp = now };
                _seen.Add(key, seen);
                EvictOldest();
            }
            if (!seen.Spam.TryTake(now))
            {
                return null;
            }
            var repeat = seen.Name is not null && now - seen.LastTimestamp <= options.AggregationWindow;
            if (repeat)
            {
                seen.Count++;
            }
            else
            {
                seen.Name = UniqueName(pending.InvolvedObject.Name ?? "", now);
                seen.Count = 1;
                seen.FirstTimestamp = now;
            }
            seen.LastTimestamp = now;
            return new CorrelatedEvent(Build(pending, seen), repeat);
        }
    }

    /// <summary>What upstream puts before the latest message of combined similar events.</summary>
    internal const string CombinedPrefix = "(combined from similar events): ";

    /// <summary>
    /// Notes <paramref name="key"/>'s message among its similar events; true once they reached the limit of distinct
    /// messages within the window (the set then stays just under the limit, as upstream's does).
    /// </summary>
    private bool CombineWithSimilar(EventKey key, DateTimeOffset now)
    {
        var similarKey = key.Similar();
        if (!_similar.TryGetValue(similarKey, out var similar) || now - similar.LastTimestamp > options.AggregationWindow)
        {
            similar = new SimilarEvents();
            _similar[similarKey] = similar;
            if (_similar.Count > options.CacheSize)
            {
                _similar.Remove(_similar.MinBy(entry => entry.Value.LastTimestamp).Key);
            }
        }
        similar.LastTimestamp = now;
        similar.Messages.Add(key.Message);
        if (similar.Messages.Count < options.SimilarEventsLimit)
        {
            return false;
        }
        similar.Messages.Remove(similar.Messages.First());
        return true;
    }

    private Corev1Event Build(PendingEvent pending, SeenEvent seen) => new()
    {
        ApiVersion = "v1",
        Kind = "Event",
        Metadata = new V1ObjectMeta { Name = seen.Name, NamespaceProperty = EventNamespace(pending.InvolvedObject) },
        InvolvedObject = pending.InvolvedObject,
        Type = pending.Type,
        Reason = pending.Reason,
        Message = pending.Message,
        Source = new V1EventSource { Component = options.Component, Host = options.Host },
        ReportingComponent = options.Component,
        ReportingInstance = options.ReportingInstance ?? options.Host,
        FirstTimestamp = WholeSeconds(seen.FirstTimestamp),
        LastTimestamp = WholeSeconds(seen.LastTimestamp),
        Count = seen.Count,
    };

    // Event timestamps are metav1.Time: whole seconds on the wire, so keep them so here too.
    private static DateTime WholeSeconds(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>Events about cluster-scoped objects go to <c>default</c>, as upstream records them.</summary>
    internal static string EventNamespace(V1ObjectReference involved) =>
        string.IsNullOrEmpty(involved.NamespaceProperty) ? "default" : involved.NamespaceProperty;

    // Upstream suffixes the Unix time in nanoseconds; a counter keeps names unique when the clock does not move.
    private string UniqueName(string objectName, DateTimeOffset now)
    {
        var stamp = Math.Max(_lastNameStamp + 1, (now - DateTimeOffset.UnixEpoch).Ticks * 100);
        _lastNameStamp = stamp;
        return objectName + "." + stamp.ToString("x", CultureInfo.InvariantCulture);
    }

    private void EvictOldest()
    {
        if (_seen.Count <= options.CacheSize)
        {
            return;
        }
        var oldest = _seen.MinBy(entry => entry.Value.LastTimestamp).Key;
        _seen.Remove(oldest);
    }
}
