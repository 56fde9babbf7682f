using Prometheus;

namespace SharpKube.Proxy.Metrics;

/// <summary>
/// The proxy's Prometheus metrics under upstream kube-proxy's names, in a registry of their own (one per proxy).
/// </summary>
public sealed class ProxyMetrics
{
    private readonly Histogram _syncDuration;
    private readonly Histogram _programmingDuration;
    private readonly Gauge _lastSync;
    private readonly Counter _endpointChanges;
    private readonly Counter _serviceChanges;
    private readonly Counter _restoreFailures;

    /// <summary>Creates the metrics in a new registry.</summary>
    public ProxyMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _syncDuration = factory.CreateHistogram("kubeproxy_sync_proxy_rules_duration_seconds", "SyncProxyRules latency in seconds",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 15) });
        _programmingDuration = factory.CreateHistogram("kubeproxy_network_programming_duration_seconds", "In Cluster Network Programming Latency in seconds",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 18) });
        _lastSync = factory.CreateGauge("kubeproxy_sync_proxy_rules_last_timestamp_seconds", "The last time proxy rules were successfully synced");
        _endpointChanges = factory.CreateCounter("kubeproxy_sync_proxy_rules_endpoint_changes_total", "Cumulative proxy rules Endpoint changes");
        _serviceChanges = factory.CreateCounter("kubeproxy_sync_proxy_rules_service_changes_total", "Cumulative proxy rules Service changes");
        _restoreFailures = factory.CreateCounter("kubeproxy_sync_proxy_rules_iptables_restore_failures_total", "Cumulative proxy iptables restore failures");
    }

    /// <summary>The registry to export.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>A sync took <paramref name="seconds"/>.</summary>
    public void SyncDone(double seconds, DateTimeOffset at)
    {
        _syncDuration.Observe(seconds);
        _lastSync.Set(at.ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>A change made at <paramref name="trigger"/> reached the kernel at <paramref name="programmed"/>.</summary>
    public void Programmed(DateTimeOffset trigger, DateTimeOffset programmed) =>
        _programmingDuration.Observe(Math.Max(0, (programmed - trigger).TotalSeconds));

    /// <summary>Raises the change counters to the tracker's totals.</summary>
    public void ChangesSeen(long serviceChanges, long endpointChanges)
    {
        _serviceChanges.IncTo(serviceChanges);
        _endpointChanges.IncTo(endpointChanges);
    }

    /// <summary>An iptables-restore (or nft) run failed.</summary>
    public void RestoreFailed() => _restoreFailures.Inc();

    /// <summary>How many syncs completed.</summary>
    public long Syncs => _syncDuration.Count;

    /// <summary>How many changes had their programming latency observed.</summary>
    public long ProgrammedChanges => _programmingDuration.Count;

    /// <summary>How many restores failed.</summary>
    public double RestoreFailures => _restoreFailures.Value;
}
