using Microsoft.Extensions.Logging;
using SharpKube.Scheduler.Hosting;
using SharpKube.Scheduler.Metrics;

namespace SharpKube.Scheduler.Tests.Fixtures;

/// <summary>The scheduler running against a test's API server, without leader election, until disposed.</summary>
public sealed class RunningScheduler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ILoggerFactory _loggers = TestOutputLoggerProvider.CreateFactory();
    private readonly k8s.Kubernetes _client;
    private readonly Task _run;

    private RunningScheduler(ApiServerFixture fixture, SchedulerOptions options)
    {
        _client = fixture.NewClient();
        Metrics = options.Metrics ?? new SchedulerMetrics();
        var withMetrics = options with { Metrics = Metrics };
        _run = Task.Run(() => KubeScheduler.RunAsync(_client, withMetrics, _loggers, _stop.Token));
    }

    /// <summary>The scheduler's metrics.</summary>
    public SchedulerMetrics Metrics { get; }

    /// <summary>Starts the scheduler with <paramref name="options"/> (default: upstream's defaults, no leader election).</summary>
    public static RunningScheduler Start(ApiServerFixture fixture, SchedulerOptions? options = null) =>
        new(fixture, options ?? new SchedulerOptions { LeaderElect = false });

    /// <summary>The Prometheus text of the scheduler's metrics.</summary>
    public async Task<string> MetricsTextAsync()
    {
        using var stream = new MemoryStream();
        await Metrics.WriteAsync(stream, TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _client.Dispose();
        _loggers.Dispose();
    }
}
