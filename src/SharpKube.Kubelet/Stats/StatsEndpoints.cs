using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpKube.Kubelet.Server;
using SharpKube.Kubelet.Stats.Api;

namespace SharpKube.Kubelet.Stats;

/// <summary>
/// The kubelet server's stats routes: <c>GET /stats/summary</c> (JSON; <c>?only_cpu_and_memory=true</c> leaves out
/// network, filesystem and process figures, as upstream does) and <c>GET /metrics/resource</c> (Prometheus text).
/// </summary>
public static class StatsEndpoints
{
    /// <summary>Maps the stats routes when <see cref="KubeletServerOptions.Stats"/> is set; nothing otherwise.</summary>
    public static void MapStats(IEndpointRouteBuilder app, KubeletServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Stats is not { } stats)
        {
            return;
        }
        app.MapGet("/stats/summary", (RequestDelegate)(context => WriteSummaryAsync(context, stats)));
        app.MapGet("/metrics/resource", (RequestDelegate)(context => WriteResourceMetricsAsync(context, stats)));
    }

    private static async Task WriteSummaryAsync(HttpContext context, SummaryProvider stats)
    {
        Summary summary;
        try
        {
            summary = await stats.GetSummaryAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            await KubeletServer.WriteTextAsync(context.Response, StatusCodes.Status500InternalServerError,
                $"Internal Error: failed to get node info: {e.Status.Detail}").ConfigureAwait(false);
            return;
        }
        if (context.Request.Query["only_cpu_and_memory"] == "true")
        {
            summary = CpuAndMemoryOnly(summary);
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, summary, StatsJsonContext.Default.Summary, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteResourceMetricsAsync(HttpContext context, SummaryProvider stats)
    {
        Summary? summary;
        try
        {
            summary = await stats.GetSummaryAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // Upstream answers 200 with resource_scrape_error 1 rather than failing the scrape.
            summary = null;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ResourceMetricsWriter.ContentType;
        await context.Response.WriteAsync(ResourceMetricsWriter.Write(summary), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The summary with only CPU and memory figures (and what names them).</summary>
    internal static Summary CpuAndMemoryOnly(Summary summary) => new()
    {
        Node = summary.Node with { Network = null, Fs = null, Runtime = null, Rlimit = null },
        Pods = [.. summary.Pods.Select(pod => pod with
        {
            Network = null,
            Volume = null,
            EphemeralStorage = null,
            Containers = [.. pod.Containers.Select(c => c with { Logs = null })],
        })],
    };
}
