using Microsoft.Extensions.Logging;
using SharpKube.ApiServer.Hosting;
using SharpKube.Controllers.Manager;
using SharpKube.Scheduler.Hosting;

namespace SharpKube.Cli.Commands;

/// <summary>
/// The controller manager and the scheduler inside <c>sharpkube server</c>, as <c>system:kube-controller-manager</c>
/// through <c>&lt;data-dir&gt;/controller-manager.kubeconfig</c> and <c>system:kube-scheduler</c> through
/// <c>&lt;data-dir&gt;/scheduler.kubeconfig</c>.
/// </summary>
internal static class InProcessControlPlane
{
    /// <summary>The kubeconfig file the controller manager uses, in the data directory.</summary>
    public static string ControllerManagerKubeconfigPath(string dataDir) => Path.Combine(dataDir, "controller-manager.kubeconfig");

    /// <summary>The kubeconfig file the scheduler uses, in the data directory.</summary>
    public static string SchedulerKubeconfigPath(string dataDir) => Path.Combine(dataDir, "scheduler.kubeconfig");

    /// <summary>Writes the controller manager's kubeconfig for <paramref name="server"/> and starts it.</summary>
    public static InProcessComponent StartControllerManager(RunningApiServer server, string dataDir, ControllerManagerOptions options,
        ILoggerFactory loggers) =>
        InProcessComponent.Start("controller-manager", server, ControllerManagerKubeconfigPath(dataDir), server.Pki.ControllerManager,
            (client, stop) => ControllerManager.RunAsync(client, options, loggers, stop), loggers);

    /// <summary>Writes the scheduler's kubeconfig for <paramref name="server"/> and starts it.</summary>
    public static InProcessComponent StartScheduler(RunningApiServer server, string dataDir, SchedulerOptions options, ILoggerFactory loggers) =>
        InProcessComponent.Start("scheduler", server, SchedulerKubeconfigPath(dataDir), server.Pki.Scheduler,
            (client, stop) => KubeScheduler.RunAsync(client, options, loggers, stop), loggers);
}
