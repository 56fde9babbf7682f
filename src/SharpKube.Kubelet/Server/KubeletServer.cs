using System.Text;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SharpKube.Kubelet.Logs;
using SharpKube.Kubelet.Pods;
using SharpKube.Kubelet.Streaming;

namespace SharpKube.Kubelet.Server;

/// <summary>
/// The kubelet's HTTPS server (upstream's port 10250): <c>GET /healthz</c>, <c>GET /pods</c>,
/// <c>GET /containerLogs/{namespace}/{pod}/{container}</c>, with a runtime <c>/exec</c>, <c>/attach</c> and
/// <c>/portForward</c> (see <see cref="StreamingEndpoint"/>), and when given <c>GET /metrics</c> and <c>GET /debug/pods/startup</c>. Every request must come with a client certificate issued by
/// the configured CA; anything else is answered 401 <c>Unauthorized</c> in plain text, as upstream's kubelet does.
/// </summary>
public sealed class KubeletServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KubeletServer(WebApplication app, int port, StreamSessions streams)
    {
        _app = app;
        Port = port;
        Streams = streams;
    }

    /// <summary>The exec, attach and port-forward sessions being proxied now.</summary>
    public StreamSessions Streams { get; }

    /// <summary>The port the server listens on (the one picked when the options asked for port 0).</summary>
    public int Port { get; }

    /// <summary>Starts the server and returns once it listens.</summary>
    public static async Task<KubeletServer> StartAsync(KubeletServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var streams = new StreamSessions();
        var app = Build(options, streams);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KubeletServer(app, new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)
            .Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port, streams);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunAsync(KubeletServerOptions options, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop.
        }
    }

    /// <summary>Stops listening; open log streams are cancelled.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static WebApplication Build(KubeletServerOptions options, StreamSessions streams)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(options.LoggerFactory);
        builder.Services.AddSingleton<IHostLifetime, KubeletHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Followed logs and upgraded exec, attach and port-forward sessions are long and mostly idle.
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.BindAddress, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = options.ServingCertificate;
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.CheckCertificateRevocation = false;
                    // Judged per request against the client CA, so that a wrong certificate gets a 401, not a TLS failure.
                    https.ClientCertificateValidation = (_, _, _) => true;
                });
            });
        });
        var app = builder.Build();
        var authenticator = new ClientCertificateAuthenticator(options.ClientCertificateAuthority, options.Time);
        var logs = new ContainerLogEndpoint(options, new CriLogReader(options.Time, options.LogPollInterval),
            options.LoggerFactory.CreateLogger("kubelet.server"));
        app.Use(async (context, next) =>
        {
            if (authenticator.Authenticate(context.Connection.ClientCertificate) is null)
            {
                await WriteTextAsync(context.Response, StatusCodes.Status401Unauthorized, "Unauthorized").ConfigureAwait(false);
                return;
            }
            await next(context).ConfigureAwait(false);
        });
        app.MapGet("/healthz", (RequestDelegate)(context => WriteTextAsync(context.Response, StatusCodes.Status200OK, "ok")));
        app.MapGet("/pods", (RequestDelegate)(context => WritePodsAsync(context, options.Pods())));
        app.MapGet("/containerLogs/{namespace}/{pod}/{container}", (RequestDelegate)logs.HandleAsync);
        if (options.Runtime is { } runtime)
        {
            MapStreaming(app, new StreamingEndpoint(new StreamTargetLocator(options.Pods, new RuntimePodReader(runtime)), runtime,
                new CriStreamProxy(streams, options.LoggerFactory.CreateLogger("kubelet.streaming"))));
        }
        if (options.Metrics is { } metrics)
        {
            app.MapGet("/metrics", (RequestDelegate)(context =>
            {
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                return metrics.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
            }));
        }
        if (options.PodStartup is { } startup)
        {
            app.MapGet("/debug/pods/startup", (RequestDelegate)(context =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.Body.WriteAsync(startup.ToJsonUtf8(), context.RequestAborted).AsTask();
            }));
        }
        SharpKube.Kubelet.Stats.StatsEndpoints.MapStats(app, options);
        app.MapFallback((RequestDelegate)(context => WriteTextAsync(context.Response, StatusCodes.Status404NotFound, "404 page not found\n")));
        return app;
    }

    private static void MapStreaming(WebApplication app, StreamingEndpoint streaming)
    {
        // GET for WebSocket clients, POST for SPDY ones; the uid forms pin the pod instance.
        string[] methods = [HttpMethods.Get, HttpMethods.Post];
        app.MapMethods("/exec/{namespace}/{pod}/{container}", methods, (RequestDelegate)streaming.ExecAsync);
        app.MapMethods("/exec/{namespace}/{pod}/{uid}/{container}", methods, (RequestDelegate)streaming.ExecAsync);
        app.MapMethods("/attach/{namespace}/{pod}/{container}", methods, (RequestDelegate)streaming.AttachAsync);
        app.MapMethods("/attach/{namespace}/{pod}/{uid}/{container}", methods, (RequestDelegate)streaming.AttachAsync);
        app.MapMethods("/portForward/{namespace}/{pod}", methods, (RequestDelegate)streaming.PortForwardAsync);
        app.MapMethods("/portForward/{namespace}/{pod}/{uid}", methods, (RequestDelegate)streaming.PortForwardAsync);
    }

    private static Task WritePodsAsync(HttpContext context, IReadOnlyList<V1Pod> pods)
    {
        var list = new V1PodList { ApiVersion = "v1", Kind = "PodList", Metadata = new V1ListMeta(), Items = [.. pods] };
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(KubernetesJson.Serialize(list), context.RequestAborted);
    }

    /// <summary>Answers <paramref name="code"/> with a plain-text body.</summary>
    internal static Task WriteTextAsync(HttpResponse response, int code, string text)
    {
        response.StatusCode = code;
        response.ContentType = "text/plain; charset=utf-8";
        var body = Encoding.UTF8.GetBytes(text);
        // A length rather than chunks: the API server relays refused upgrades byte for byte.
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }
}
