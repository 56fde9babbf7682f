using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;
using SharpKube.Cli.Bench.ApiServer.Workload;

namespace SharpKube.Cli.Bench.ApiServer.Watch;

/// <summary>
/// The writer of the watch phase: an open loop that sends write <c>i</c> at <c>i / rate</c> seconds whether or not
/// earlier writes have returned — a merge patch setting the <see cref="BenchPods.WriteAnnotation"/> annotation to
/// <c>i</c> on one pod — and notes when each write's response had been read.
/// </summary>
internal sealed class WatchWriter
{
    private readonly Kubernetes _client;
    private readonly BenchPods _pods;
    private readonly long _podCount;
    private readonly int _rate;
    private readonly long[] _sentAt;
    private readonly long[] _acknowledgedAt;
    private readonly LatencyHistogram _latency = new();
    private readonly Lock _lock = new();
    private long _errors;
    private string? _firstError;

    public WatchWriter(Kubernetes client, BenchPods pods, long podCount, int rate, int writes)
    {
        _client = client;
        _pods = pods;
        _podCount = podCount;
        _rate = rate;
        _sentAt = new long[writes];
        _acknowledgedAt = new long[writes];
    }

    /// <summary>When each write's request was sent (a <see cref="Stopwatch"/> timestamp).</summary>
    public ReadOnlySpan<long> SentAt => _sentAt;

    /// <summary>When each write's response had been read (a <see cref="Stopwatch"/> timestamp; 0 if it failed).</summary>
    public ReadOnlySpan<long> AcknowledgedAt => _acknowledgedAt;

    /// <summary>The latency of each acknowledged write.</summary>
    public LatencyHistogram Latency => _latency;

    /// <summary>Writes answered with an error status.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>The first error response, if any.</summary>
    public string? FirstError => _firstError;

    /// <summary>Writes every scheduled write and waits for all of them; returns the timestamp of the last acknowledgement.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var writes = new List<Task>(_acknowledgedAt.Length);
        for (var i = 0; i < _acknowledgedAt.Length; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / _rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            writes.Add(WriteAsync(i, cancellationToken));
        }

        await Task.WhenAll(writes);
        long last = 0;
        foreach (var acknowledged in _acknowledgedAt)
        {
            last = Math.Max(last, acknowledged);
        }

        return last;
    }

    private async Task WriteAsync(int sequence, CancellationToken cancellationToken)
    {
        var value = sequence.ToString(CultureInfo.InvariantCulture);
        var patch = new V1Patch(
            "{\"metadata\":{\"annotations\":{\"" + BenchPods.WriteAnnotation + "\":\"" + value + "\"}}}", V1Patch.PatchType.MergePatch);
        var name = BenchPods.Name(sequence % _podCount);
        var sent = Stopwatch.GetTimestamp();
        _sentAt[sequence] = sent;
        try
        {
            await _client.CoreV1.PatchNamespacedPodAsync(patch, name, _pods.Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response is not null)
        {
            Interlocked.Increment(ref _errors);
            Interlocked.CompareExchange(ref _firstError, $"{(int)e.Response.StatusCode} {e.Response.StatusCode} patching {name}", null);
            return;
        }

        var acknowledged = Stopwatch.GetTimestamp();
        Volatile.Write(ref _acknowledgedAt[sequence], acknowledged);
        lock (_lock)
        {
            _latency.Record(acknowledged - sent);
        }
    }
}
