using System.Runtime.InteropServices;

namespace SharpKube.Cli.Commands;

/// <summary>A token cancelled by SIGINT or SIGTERM (or the caller's token): how long-running commands learn to stop.</summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;

    /// <summary>Starts listening for the signals.</summary>
    public StopSignals(CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
    }

    /// <summary>Cancelled when the command should stop.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Waits until the command should stop.</summary>
    public async Task WaitAsync()
    {
        try
        {
            await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _sigterm.Dispose();
        _sigint.Dispose();
        _stop.Dispose();
    }

    private void RequestStop(PosixSignalContext signal)
    {
        signal.Cancel = true;
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A second signal while shutting down: already stopping.
        }
    }
}
