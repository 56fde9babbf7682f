using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.ApiServer.Hosting;
using SharpKube.ApiServer.Pki;
using SharpKube.Scheduler.Hosting;

namespace SharpKube.Cli.Commands;

/// <summary>
/// The scheduler inside <c>sharpkube server</c>: a client of the API server over HTTPS like any other, as
/// <c>system:kube-scheduler</c> through <c>&lt;data-dir&gt;/scheduler.kubeconfig</c>. It takes part in leader election
/// (so several servers on one etcd run one scheduler) and rejoins the election when it loses leadership.
/// </summary>
internal sealed class InProcessScheduler : IAsyncDisposable
{
    private static readonly TimeSpan RejoinDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Kubernetes _client;
    private readonly Task _run;

    private InProcessScheduler(Kubernetes client, SchedulerOptions options, ILoggerFactory loggers)
    {
        _client = client;
        _run = Task.Run(() => RunAsync(options, loggers.CreateLogger("scheduler"), loggers));
    }

    /// <summary>The kubeconfig file the scheduler uses, in the data directory.</summary>
    public static string KubeconfigPath(string dataDir) => Path.Combine(dataDir, "scheduler.kubeconfig");

    /// <summary>Writes the scheduler's kubeconfig for <paramref name="server"/> and starts it.</summary>
    public static InProcessScheduler Start(RunningApiServer server, string dataDir, SchedulerOptions options, ILoggerFactory loggers)
    {
        var path = KubeconfigPath(dataDir);
        KubeconfigFile.ForClientCertificate(server.Url, server.Pki.CaCertificatePem, server.Pki.Scheduler).WriteTo(path);
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
        return new InProcessScheduler(client, options, loggers);
    }

    private async Task RunAsync(SchedulerOptions options, ILogger logger, ILoggerFactory loggers)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await KubeScheduler.RunAsync(_client, options, loggers, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                logger.LogError(e, "The scheduler failed; starting it again");
            }
            if (_stop.IsCancellationRequested)
            {
                return;
            }
            logger.LogWarning("The scheduler stopped leading; rejoining the election");
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

    /// <summary>Stops the scheduler (releasing the leader Lease) and waits for it.</summary>
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
