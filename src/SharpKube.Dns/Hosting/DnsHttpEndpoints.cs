using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace SharpKube.Dns.Hosting;

/// <summary>
/// The HTTP side, as CoreDNS's plugins lay it out: <c>/metrics</c> (prometheus, :9153), <c>/health</c> (health,
/// :8080, "OK" while the process serves) and <c>/ready</c> (ready, :8181, 200 once the zone has synced, 503 before),
/// each on its own port, on one Kestrel server.
/// </summary>
internal sealed class DnsHttpEndpoints : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DnsHttpEndpoints(WebApplication app, IPEndPoint? metrics, IPEndPoint? health, IPEndPoint? ready)
    {
        _app = app;
        Metrics = metrics;
        Health = health;
        Ready = ready;
    }

    /// <summary>Where <c>/metrics</c> is served, if it is.</summary>
    public IPEndPoint? Metrics { get; }

    /// <summary>Where <c>/health</c> is served, if it is.</summary>
    public IPEndPoint? Health { get; }

    /// <summary>Where <c>/ready</c> is served, if it is.</summary>
    public IPEndPoint? Ready { get; }

    /// <summary>Starts the endpoints the options ask for; null when they ask for none.</summary>
    public static async Task<DnsHttpEndpoints?> StartAsync(DnsOptions options, CollectorRegistry registry, Func<bool> ready,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (options.MetricsPort is null && options.HealthPort is null && options.ReadyPort is null)
        {
            return null;
        }
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        ListenOptions? metricsListen = null, healthListen = null, readyListen = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (options.MetricsPort is { } m)
            {
                kestrel.Listen(options.HttpAddress, m, l => metricsListen = l);
            }
            if (options.HealthPort is { } h)
            {
                kestrel.Listen(options.HttpAddress, h, l => healthListen = l);
            }
            if (options.ReadyPort is { } r)
            {
                kestrel.Listen(options.HttpAddress, r, l => readyListen = l);
            }
        });
        var app = builder.Build();
        app.Run(context =>
        {
            var port = context.Connection.LocalPort;
            var path = context.Request.Path.Value;
            if (path == "/metrics" && metricsListen?.IPEndPoint?.Port == port)
            {
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                return registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
            }
            if (path == "/health" && healthListen?.IPEndPoint?.Port == port)
            {
                return WriteAsync(context, StatusCodes.Status200OK, "OK");
            }
            if (path == "/ready" && readyListen?.IPEndPoint?.Port == port)
            {
                return ready() ? WriteAsync(context, StatusCodes.Status200OK, "OK") : WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "zone not synced");
            }
            return WriteAsync(context, StatusCodes.Status404NotFound, "404 page not found\n");
        });
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new DnsHttpEndpoints(app, metricsListen?.IPEndPoint, healthListen?.IPEndPoint, readyListen?.IPEndPoint);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
