using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.ApiServer.Hosting;
using SharpKube.ApiServer.Pki;
using SharpKube.Controllers.Manager;

namespace SharpKube.Cli.Commands;

/// <summary>
/// The controller manager inside <c>sharpkube server</c>: a client of the API server over HTTPS like any other, as
/// <c>system:kube-controller-manager</c> through <c>&lt;data-dir&gt;/controller-manager.kubeconfig</c>. It takes part in
/// leader election (so several servers on one etcd run one set of controllers) and rejoins the election when it
/// loses leadership, where the standalone command exits.
/// </summary>
internal sealed class InProcessControllerManager : IAsyncDisposable
{
    private static readonly TimeSpan RejoinDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Kubernetes _client;
    private readonly Task _run;

    private InProcessControllerManager(Kubernetes client, ControllerManagerOptions options, ILoggerFactory loggers)
    {
        _client = client;
        _run = Task.Run(() => RunAsync(options, loggers.CreateLogger("controller-manager"), loggers));
    }

    /// <summary>The kubeconfig file the controller manager uses, in the data directory.</summary>
    public static string KubeconfigPath(string dataDir) => Path.Combine(dataDir, "controller-manager.kubeconfig");

    /// <summary>Writes the controller manager's kubeconfig for <paramref name="server"/> and starts it.</summary>
    public static InProcessControllerManager Start(RunningApiServer server, string dataDir, ControllerManagerOptions options, ILoggerFactory loggers)
    {
        var path = KubeconfigPath(dataDir);
        KubeconfigFile.ForClientCertificate(server.Url, server.Pki.CaCertificatePem, server.Pki.ControllerManager).WriteTo(path);
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
        return new InProcessControllerManager(client, options, loggers);
    }

    private async Task RunAsync(ControllerManagerOptions options, ILogger logger, ILoggerFactory loggers)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await ControllerManager.RunAsync(_client, options, loggers, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                logger.LogError(e, "The controller manager failed; starting it again");
            }
            if (_stop.IsCancellationRequested)
            {
                return;
            }
            logger.LogWarning("The controller manager stopped leading; rejoining the election");
            try
            {
                await Task.Delay(RejoinDelay, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Stops the controllers (releasing the leader Lease) and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _client.Dispose();
        _stop.Dispose();
    }
}
