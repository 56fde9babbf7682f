using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SharpKube.Kubelet.Logs;

namespace SharpKube.Kubelet.Server;

/// <summary>
/// <c>GET /containerLogs/{namespace}/{pod}/{container}</c>: resolves the container's log file through the kubelet and
/// streams it as <c>text/plain</c>, flushing every batch of lines when following.
/// </summary>
internal sealed class ContainerLogEndpoint
{
    private readonly KubeletServerOptions _options;
    private readonly CriLogReader _reader;
    private readonly ILogger _logger;

    /// <summary>Creates the endpoint.</summary>
    public ContainerLogEndpoint(KubeletServerOptions options, CriLogReader reader, ILogger logger)
    {
        _options = options;
        _reader = reader;
        _logger = logger;
    }

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var values = context.Request.RouteValues;
        var ns = (string)values["namespace"]!;
        var pod = (string)values["pod"]!;
        var container = (string)values["container"]!;
        var query = ContainerLogQuery.Parse(context.Request.Query, _options.Time.GetUtcNow(), out var errorCode, out var errorMessage);
        if (query is null)
        {
            await KubeletServer.WriteTextAsync(context.Response, errorCode, errorMessage).ConfigureAwait(false);
            return;
        }
        var aborted = context.RequestAborted;
        var source = await _options.ContainerLogs(ns, pod, container, query.Previous, aborted).ConfigureAwait(false);
        if (source.LogPath is not { } path)
        {
            await KubeletServer.WriteTextAsync(context.Response, source.StatusCode, source.ErrorMessage ?? "").ConfigureAwait(false);
            return;
        }
        if (!File.Exists(path))
        {
            await KubeletServer.WriteTextAsync(context.Response, StatusCodes.Status400BadRequest,
                $"failed to open log file \"{path}\": no such file or directory").ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain";
        if (query.Options.Follow)
        {
            // The headers go out now: a follower learns it is connected before the first new line.
            await context.Response.StartAsync(aborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
        }
        try
        {
            await _reader.ReadAsync(path, query.Options, context.Response.Body, source.IsRunning, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The reader went away.
        }
        catch (IOException e) when (!context.Response.HasStarted)
        {
            _logger.LogWarning(e, "Failed to read the log of {Namespace}/{Pod}/{Container}", ns, pod, container);
            await KubeletServer.WriteTextAsync(context.Response, StatusCodes.Status400BadRequest,
                $"failed to read log file \"{path}\": {e.Message}").ConfigureAwait(false);
        }
    }
}
