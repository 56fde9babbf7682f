using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.ApiServer.Hosting;
using SharpKube.ApiServer.Pki;

namespace SharpKube.Cli.Commands;

/// <summary>
/// A control-plane component inside <c>sharpkube server</c> (the controller manager, the scheduler): a client of the
/// API server over HTTPS like any other, with its own certificate identity through a kubeconfig in the data
/// directory. It takes part in leader election (so several servers on one etcd run one of each) and rejoins the
/// election when it loses leadership, where the standalone command exits.
/// </summary>
internal sealed class InProcessComponent : IAsyncDisposable
{
    private static readonly TimeSpan RejoinDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Kubernetes _client;
    private readonly Task _run;

    private InProcessComponent(string name, Kubernetes client, Func<Kubernetes, CancellationToken, Task> run, ILogger logger)
    {
        _client = client;
        _run = Task.Run(() => RunAsync(name, run, logger));
    }

    /// <summary>
    /// Writes <c>&lt;data-dir&gt;/&lt;kubeconfigName&gt;</c> for <paramref name="server"/> with <paramref name="certificate"/>
    /// and starts <paramref name="run"/> (the component's leader-electing run loop) over a client reading it.
    /// </summary>
    public static InProcessComponent Start(string name, RunningApiServer server, string kubeconfigPath, ClientCredentials certificate,
        Func<Kubernetes, CancellationToken, Task> run, ILoggerFactory loggers)
    {
        var client = ClientFor(server, kubeconfigPath, certificate);
        return new InProcessComponent(name, client, run, loggers.CreateLogger(name));
    }

    /// <summary>Writes <paramref name="kubeconfigPath"/> for <paramref name="server"/> with <paramref name="certificate"/> and returns a client reading it.</summary>
    public static Kubernetes ClientFor(RunningApiServer server, string kubeconfigPath, ClientCredentials certificate)
    {
        KubeconfigFile.ForClientCertificate(server.Url, server.Pki.CaCertificatePem, certificate).WriteTo(kubeconfigPath);
        return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));
    }

    private async Task RunAsync(string name, Func<Kubernetes, CancellationToken, Task> run, ILogger logger)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await run(_client, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                logger.LogError(e, "The {Component} failed; starting it again", name);
            }
            if (_stop.IsCancellationRequested)
            {
                return;
            }
            logger.LogWarning("The {Component} stopped leading; rejoining the election", name);
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

    /// <summary>Stops the component (releasing its leader Lease) and waits for it.</summary>
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
