using Microsoft.Extensions.Hosting;

namespace SharpKube.Kubelet.Server;

/// <summary>
/// A host lifetime that leaves signals alone: the kubelet's server is started and stopped by its owner (the
/// kubelet, a test), never by SIGTERM handlers of its own.
/// </summary>
internal sealed class KubeletHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
