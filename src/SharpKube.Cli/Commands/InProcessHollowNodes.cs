using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.ApiServer.Hosting;
using SharpKube.Controllers.HollowNodes;

namespace SharpKube.Cli.Commands;

/// <summary>
/// The hollow nodes of <c>sharpkube server --hollow-nodes N</c>: a fleet started once the server is ready, a client of
/// it over HTTPS like any other. It uses the admin kubeconfig (a real kubelet has a <c>system:node:&lt;name&gt;</c>
/// identity per node; one fleet speaks for many nodes). Stopping the server leaves the nodes in place.
/// </summary>
internal sealed class InProcessHollowNodes : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Kubernetes _client;
    private readonly Task _run;

    private InProcessHollowNodes(Kubernetes client, HollowNodeOptions options, ILoggerFactory loggers)
    {
        _client = client;
        _run = Task.Run(() => HollowNodeFleet.RunAsync(client, options, loggers, _stop.Token));
    }

    /// <summary>Starts <paramref name="count"/> hollow nodes against <paramref name="server"/>.</summary>
    public static InProcessHollowNodes Start(RunningApiServer server, int count, ILoggerFactory loggers) =>
        new(new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.AdminKubeconfigPath)), new HollowNodeOptions { Count = count }, loggers);

    /// <summary>Stops the fleet and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        _client.Dispose();
        _stop.Dispose();
    }
}
