using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Client.LeaderElection;

namespace SharpKube.Controllers.Manager;

/// <summary>
/// Runs the controllers: with leader election over the <c>kube-system/kube-controller-manager</c> Lease (only the
/// leader's controllers act), or directly. The controllers share one informer factory, so one watch per resource.
/// </summary>
public static class ControllerManager
{
    /// <summary>The Lease leader election uses.</summary>
    public const string LeaseName = "kube-controller-manager";

    /// <summary>Runs until cancelled, or until this instance loses leadership (then, as upstream, the caller should exit).</summary>
    public static async Task RunAsync(Kubernetes client, ControllerManagerOptions options, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(ControllerManager));
        if (!options.LeaderElect)
        {
            await RunControllersAsync(client, options, loggerFactory, cancellationToken).ConfigureAwait(false);
            return;
        }
        var elector = new LeaderElector(client, new LeaderElectorOptions
        {
            LeaseName = LeaseName,
            Identity = options.Identity,
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
            ReleaseOnCancel = options.ReleaseOnCancel,
            Time = options.Time,
            OnStartedLeading = leading => RunControllersAsync(client, options, loggerFactory, leading),
            OnStoppedLeading = () => logger.LogWarning("Leadership of {Lease} lost by {Identity}", LeaseName, options.Identity),
        }, loggerFactory.CreateLogger<LeaderElector>());
        await elector.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the enabled controllers, starts the informers and event recorders, and runs the controllers once the caches have synced.</summary>
    public static async Task RunControllersAsync(Kubernetes client, ControllerManagerOptions options, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(ControllerManager));
        var informers = new SharedInformerFactory(client, new SharedInformerOptions { Time = options.Time }, loggerFactory);
        var context = new ControllerContext(client, informers, options, loggerFactory);
        var controllers = ControllerCatalog.All
            .Where(c => options.Controllers is null || options.Controllers.Contains(c.Name))
            .Select(c => c.Create(context))
            .ToList();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var background = new List<Task> { informers.RunAsync(stopping.Token) };
        background.AddRange(context.Recorders.Select(r => r.RunAsync(stopping.Token)));
        try
        {
            if (!await informers.WaitForCacheSyncAsync(stopping.Token).ConfigureAwait(false))
            {
                return;
            }
            logger.LogInformation("Starting controllers: {Controllers}", string.Join(",", controllers.Select(c => c.Name)));
            var running = controllers.Select(c => RunOneAsync(c, logger, stopping)).ToList();
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(background).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static async Task RunOneAsync(IController controller, ILogger logger, CancellationTokenSource stopping)
    {
        try
        {
            await controller.RunAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A controller that fails stops the whole manager, as upstream's process would exit.
            logger.LogError(e, "Controller {Controller} failed", controller.Name);
            await stopping.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
