using Microsoft.Extensions.Hosting;

namespace SharpKube.Dns.Hosting;

/// <summary>A host lifetime that neither hooks Ctrl+C nor prints: the DNS server's owner decides when it stops.</summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    /// <inheritdoc/>
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
