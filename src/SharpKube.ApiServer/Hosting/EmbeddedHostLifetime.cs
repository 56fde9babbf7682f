using Microsoft.Extensions.Hosting;

namespace SharpKube.ApiServer.Hosting;

/// <summary>
/// A host lifetime that leaves signals alone: the API server is started and stopped by its owner (the
/// <c>sharpkube</c> command, a test, a benchmark), never by SIGTERM handlers of its own.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
