using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>Some controllers running against a test's API server, without leader election, until disposed.</summary>
public sealed class RunningControllers : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private readonly ILoggerFactory _loggers = TestOutputLoggerProvider.CreateFactory();

    private RunningControllers(Kubernetes client, ControllerManagerOptions options)
    {
        _run = Task.Run(() => ControllerManager.RunControllersAsync(client, options, _loggers, _stop.Token));
    }

    /// <summary>Starts the named controllers with a client of their own.</summary>
    public static RunningControllers Start(ApiServerFixture fixture, params string[] controllers) =>
        Start(fixture, new ControllerManagerOptions { LeaderElect = false, Controllers = controllers.ToHashSet() });

    /// <summary>Starts controllers with the given options and a client of their own.</summary>
    public static RunningControllers Start(ApiServerFixture fixture, ControllerManagerOptions options) => new(fixture.NewClient(), options);

    /// <summary>Starts the named controllers over <paramref name="client"/> (e.g. one whose requests a test slows down).</summary>
    public static RunningControllers Start(Kubernetes client, params string[] controllers) =>
        new(client, new ControllerManagerOptions { LeaderElect = false, Controllers = controllers.ToHashSet() });

    /// <summary>Starts controllers with the given options over <paramref name="client"/> (e.g. one that logs its requests).</summary>
    public static RunningControllers Start(Kubernetes client, ControllerManagerOptions options) => new(client, options);

    /// <summary>Whether the controllers have stopped (they should not, until disposed).</summary>
    public bool Stopped => _run.IsCompleted;

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
        _loggers.Dispose();
    }
}
