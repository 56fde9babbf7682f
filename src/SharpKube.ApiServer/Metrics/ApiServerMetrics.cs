using Microsoft.AspNetCore.Http;
using Prometheus;
using SharpKube.ApiServer.Http;

namespace SharpKube.ApiServer.Metrics;

/// <summary>
/// The API server's Prometheus metrics, under upstream's names: <c>apiserver_request_total</c> and
/// <c>apiserver_request_duration_seconds</c>, labelled like upstream. One registry per server instance.
/// </summary>
public sealed class ApiServerMetrics
{
    private static readonly double[] DurationBuckets =
        [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

    private readonly Counter _requests;
    private readonly Histogram _durations;

    /// <summary>Creates the metrics in a new registry.</summary>
    public ApiServerMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _requests = factory.CreateCounter("apiserver_request_total",
            "Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.",
            ["verb", "dry_run", "group", "version", "resource", "subresource", "scope", "component", "code"]);
        _durations = factory.CreateHistogram("apiserver_request_duration_seconds",
            "Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.",
            new HistogramConfiguration
            {
                LabelNames = ["verb", "dry_run", "group", "version", "resource", "subresource", "scope", "component"],
                Buckets = DurationBuckets,
            });
    }

    /// <summary>The registry to export.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Records one finished request.</summary>
    public void Record(HttpContext context, RequestInfo info, TimeSpan elapsed)
    {
        var verb = info.VerbFor(context.Request);
        var dryRun = context.Request.Query.ContainsKey("dryRun") ? "All" : "";
        var code = context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _requests.WithLabels(verb, dryRun, info.Group, info.Version, info.Resource, info.Subresource, info.Scope, "apiserver", code).Inc();
        _durations.WithLabels(verb, dryRun, info.Group, info.Version, info.Resource, info.Subresource, info.Scope, "apiserver")
            .Observe(elapsed.TotalSeconds);
    }

    /// <summary>Writes the text exposition.</summary>
    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await Registry.CollectAndExportAsTextAsync(response.Body, cancellationToken).ConfigureAwait(false);
    }
}
