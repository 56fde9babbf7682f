using System.Globalization;
using System.Text.Json;
using k8s.Models;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// How the kubelet's own part of each pod's start went, for the last pods it saw pending (bounded): when the informer
/// first delivered the pod, how much time its syncs spent inside CRI calls (and how many calls) until the kubelet first
/// wrote a status with phase Running, and when that write completed. The difference between the two spans is the
/// kubelet's overhead: queueing, volumes, config building and API writes. Served as JSON at <c>/debug/pods/startup</c>.
/// </summary>
public sealed class PodStartupLog
{
    /// <summary>The default number of pods kept.</summary>
    public const int DefaultCapacity = 1000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;

    /// <summary>A log of the last <paramref name="capacity"/> pods, timed with <paramref name="time"/>.</summary>
    public PodStartupLog(TimeProvider? time = null, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time ?? TimeProvider.System;
        _capacity = capacity;
    }

    /// <summary>How many pods are kept.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// The kubelet sees <paramref name="pod"/>: its start is timed from now if it is new to the log and still pending
    /// (a pod already running, adopted after a restart, has no start to time).
    /// </summary>
    public void Seen(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Metadata?.Uid is not { } uid || pod.Metadata.DeletionTimestamp is not null || (pod.Status?.Phase is { } phase && phase != "Pending"))
        {
            return;
        }
        lock (_lock)
        {
            if (_entries.ContainsKey(uid))
            {
                return;
            }
            if (_entries.Count >= _capacity)
            {
                _entries.Remove(_order.Dequeue());
            }
            _entries[uid] = new Entry(pod.Metadata.NamespaceProperty ?? "", pod.Metadata.Name ?? "", _time.GetUtcNow(), _time.GetTimestamp());
            _order.Enqueue(uid);
        }
    }

    /// <summary>Adds one CRI call of <paramref name="elapsed"/> to pod <paramref name="uid"/>, if its start is being timed.</summary>
    public void AddCriTime(string uid, TimeSpan elapsed)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(uid, out var entry) && entry.RunningAfter is null)
            {
                entry.CriTime += elapsed;
                entry.CriCalls++;
            }
        }
    }

    /// <summary>A status with phase Running was just written for pod <paramref name="uid"/>; only the first such write counts.</summary>
    public void RunningWritten(string uid)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(uid, out var entry) && entry.RunningAfter is null)
            {
                entry.RunningAfter = _time.GetElapsedTime(entry.SeenTimestamp);
                entry.RunningAt = _time.GetUtcNow();
            }
        }
    }

    /// <summary>The CRI time and calls counted for pod <paramref name="uid"/>, or null when it is not in the log.</summary>
    public (TimeSpan CriTime, int CriCalls)? CriTimeOf(string uid)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(uid, out var entry) ? (entry.CriTime, entry.CriCalls) : null;
        }
    }

    /// <summary>
    /// The log as JSON, oldest pod first: <c>{"pods":[{"uid","namespace","name","firstSeen","runningWritten","firstSeenToRunningMs",
    /// "criMs","criCalls","overheadMs"}]}</c>; the Running figures are null while the pod has not been written Running.
    /// </summary>
    public byte[] ToJsonUtf8()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("pods");
            lock (_lock)
            {
                foreach (var uid in _order)
                {
                    WriteEntry(json, uid, _entries[uid]);
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteEntry(Utf8JsonWriter json, string uid, Entry entry)
    {
        json.WriteStartObject();
        json.WriteString("uid", uid);
        json.WriteString("namespace", entry.Namespace);
        json.WriteString("name", entry.Name);
        json.WriteString("firstSeen", Timestamp(entry.SeenAt));
        if (entry.RunningAfter is { } running && entry.RunningAt is { } runningAt)
        {
            json.WriteString("runningWritten", Timestamp(runningAt));
            json.WriteNumber("firstSeenToRunningMs", Milliseconds(running));
        }
        else
        {
            json.WriteNull("runningWritten");
            json.WriteNull("firstSeenToRunningMs");
        }
        json.WriteNumber("criMs", Milliseconds(entry.CriTime));
        json.WriteNumber("criCalls", entry.CriCalls);
        if (entry.RunningAfter is { } total)
        {
            json.WriteNumber("overheadMs", Milliseconds(total - entry.CriTime));
        }
        else
        {
            json.WriteNull("overheadMs");
        }
        json.WriteEndObject();
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static double Milliseconds(TimeSpan span) => Math.Round(span.TotalMilliseconds, 3);

    /// <summary>One pod's account; guarded by the log's lock.</summary>
    private sealed class Entry(string ns, string name, DateTimeOffset seenAt, long seenTimestamp)
    {
        public string Namespace { get; } = ns;

        public string Name { get; } = name;

        public DateTimeOffset SeenAt { get; } = seenAt;

        public long SeenTimestamp { get; } = seenTimestamp;

        public TimeSpan CriTime { get; set; }

        public int CriCalls { get; set; }

        public TimeSpan? RunningAfter { get; set; }

        public DateTimeOffset? RunningAt { get; set; }
    }
}
