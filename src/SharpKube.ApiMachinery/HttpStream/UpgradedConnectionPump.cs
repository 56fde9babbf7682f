using System.Net.Sockets;

namespace SharpKube.ApiMachinery.HttpStream;

/// <summary>
/// Copies the bytes of an upgraded connection both ways between the client and the backend. The client's end of input
/// is passed on as a half-close of the backend's connection, and the copy towards the client goes on until the
/// backend closes; the backend closing, or either side failing, ends both directions.
/// </summary>
public static class UpgradedConnectionPump
{
    private const int BufferBytes = 32 * 1024;

    /// <summary>
    /// Pumps until the backend closes or either side fails. <paramref name="backendLeftover"/> (bytes the backend sent
    /// with its response head) goes to the client first; <paramref name="closeBackendOutput"/> half-closes the backend.
    /// </summary>
    public static async Task PumpAsync(Stream client, Stream backend, ReadOnlyMemory<byte> backendLeftover, Func<ValueTask> closeBackendOutput,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var up = CopyUpAsync(client, backend, closeBackendOutput, stop.Token);
        var down = CopyDownAsync(backend, client, backendLeftover, stop.Token);
        var first = await Task.WhenAny(up, down).ConfigureAwait(false);
        if (first == down || !first.IsCompletedSuccessfully)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
        try
        {
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // One side went away: both directions are over.
        }
    }

    /// <summary>Whether <paramref name="e"/> is how a connection ending mid-copy shows (Kestrel's connection reset is an IOException).</summary>
    public static bool IsDisconnect(Exception e) =>
        e is IOException or SocketException or OperationCanceledException or ObjectDisposedException;

    private static async Task CopyUpAsync(Stream client, Stream backend, Func<ValueTask> closeBackendOutput, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferBytes];
        int read;
        while ((read = await client.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await backend.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        await closeBackendOutput().ConfigureAwait(false);
    }

    private static async Task CopyDownAsync(Stream backend, Stream client, ReadOnlyMemory<byte> leftover, CancellationToken cancellationToken)
    {
        if (!leftover.IsEmpty)
        {
            await client.WriteAsync(leftover, cancellationToken).ConfigureAwait(false);
            await client.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        var buffer = new byte[BufferBytes];
        int read;
        while ((read = await backend.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await client.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            await client.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
