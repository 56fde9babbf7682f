using System.Collections.Concurrent;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Prometheus;

namespace SharpKube.Kubelet.Runtime;

/// <summary>
/// Times every unary CRI call on the kubelet's channel: each one is observed in upstream's
/// <c>kubelet_runtime_operations_duration_seconds{operation_type}</c> histogram (with <c>kubelet_runtime_operations_total</c> and
/// <c>kubelet_runtime_operations_errors_total</c>) in the kubelet's own registry, and, when it is made during a pod's sync
/// (inside <see cref="ForPod"/>), its time is handed to that pod's account.
/// </summary>
public sealed class CriCallTimer : Interceptor
{
    /// <summary>The pod whose sync the current async flow runs, if any. The pod workers set it around each sync.</summary>
    private static readonly AsyncLocal<string?> CurrentPod = new();

    /// <summary>RPC method name → upstream's operation_type label, computed once per method.</summary>
    private static readonly ConcurrentDictionary<string, string> OperationTypes = new(StringComparer.Ordinal);

    private readonly Histogram _durations;
    private readonly Counter _operations;
    private readonly Counter _errors;
    private readonly Action<string, TimeSpan>? _podCall;
    private readonly TimeProvider _time;

    /// <summary>
    /// Creates the timer, registering its metrics in <paramref name="registry"/>. <paramref name="podCall"/> receives
    /// (pod uid, time inside the call) for each call made inside <see cref="ForPod"/>.
    /// </summary>
    public CriCallTimer(CollectorRegistry registry, Action<string, TimeSpan>? podCall = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var metrics = Metrics.WithCustomRegistry(registry);
        // Upstream's buckets for this histogram: 5 ms × 2.5^n, 14 of them (up to ~100 min, for slow pulls).
        _durations = metrics.CreateHistogram("kubelet_runtime_operations_duration_seconds", "Duration in seconds of runtime operations. Broken down by operation type.",
            new HistogramConfiguration { LabelNames = ["operation_type"], Buckets = Histogram.ExponentialBuckets(0.005, 2.5, 14) });
        _operations = metrics.CreateCounter("kubelet_runtime_operations_total", "Cumulative number of runtime operations by operation type.",
            new CounterConfiguration { LabelNames = ["operation_type"] });
        _errors = metrics.CreateCounter("kubelet_runtime_operations_errors_total", "Cumulative number of runtime operation errors by operation type.",
            new CounterConfiguration { LabelNames = ["operation_type"] });
        _podCall = podCall;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Attributes the CRI calls of the current async flow (and of the work it starts) to pod <paramref name="uid"/> until
    /// the returned scope is disposed: <c>using (CriCallTimer.ForPod(uid)) { await sync… }</c>.
    /// </summary>
    public static IDisposable ForPod(string uid)
    {
        var scope = new PodScope(CurrentPod.Value);
        CurrentPod.Value = uid;
        return scope;
    }

    /// <summary>Upstream's operation_type for RPC <paramref name="method"/>: snake case, with "pod_sandbox" written "podsandbox" (<c>RunPodSandbox</c> → <c>run_podsandbox</c>).</summary>
    public static string OperationType(string method) => OperationTypes.GetOrAdd(method, static name =>
    {
        var snake = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsAsciiLetterUpper(name[i]) && i > 0)
            {
                snake.Append('_');
            }
            snake.Append(char.ToLowerInvariant(name[i]));
        }
        return snake.Replace("pod_sandbox", "podsandbox").ToString();
    });

    /// <inheritdoc/>
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var started = _time.GetTimestamp();
        var pod = CurrentPod.Value;
        AsyncUnaryCall<TResponse> call;
        try
        {
            call = continuation(request, context);
        }
        catch
        {
            Record(context.Method.Name, pod, started, failed: true);
            throw;
        }
        return new AsyncUnaryCall<TResponse>(ObserveAsync(call.ResponseAsync, context.Method.Name, pod, started), call.ResponseHeadersAsync,
            call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <inheritdoc/>
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        BlockingUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var started = _time.GetTimestamp();
        var failed = true;
        try
        {
            var response = continuation(request, context);
            failed = false;
            return response;
        }
        finally
        {
            Record(context.Method.Name, CurrentPod.Value, started, failed);
        }
    }

    private async Task<TResponse> ObserveAsync<TResponse>(Task<TResponse> response, string method, string? pod, long started)
    {
        var failed = true;
        try
        {
            var result = await response.ConfigureAwait(false);
            failed = false;
            return result;
        }
        finally
        {
            Record(method, pod, started, failed);
        }
    }

    private void Record(string method, string? pod, long started, bool failed)
    {
        var elapsed = _time.GetElapsedTime(started);
        var operation = OperationType(method);
        _durations.WithLabels(operation).Observe(elapsed.TotalSeconds);
        _operations.WithLabels(operation).Inc();
        if (failed)
        {
            _errors.WithLabels(operation).Inc();
        }
        if (pod is not null)
        {
            _podCall?.Invoke(pod, elapsed);
        }
    }

    /// <summary>Restores the pod the flow was attributed to before <see cref="ForPod"/>.</summary>
    private sealed class PodScope(string? previous) : IDisposable
    {
        public void Dispose() => CurrentPod.Value = previous;
    }
}
