using System.Threading.Channels;

namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>
/// A SPDY/3.1 session over a duplex byte stream (which it owns): opens and accepts streams, echoes pings, applies
/// flow control and sends GOAWAY when disposed. One read loop dispatches inbound frames; one write loop puts frames
/// on the wire in queue order, so frames never interleave and header blocks are compressed in wire order.
/// </summary>
/// <remarks>
/// Flow control applies once the peer shows it does flow control (it sends SETTINGS_INITIAL_WINDOW_SIZE or
/// WINDOW_UPDATE): outbound, writes then wait for credit; inbound, each stream advertises
/// <see cref="SpdyConnectionOptions.InitialWindowSize"/> and credit is returned (WINDOW_UPDATE, per stream and for the
/// connection) as the application reads. The Go peers of Kubernetes (moby/spdystream) never do flow control and never
/// grant credit: they would stall forever otherwise. They are held back instead by the read loop pausing while a
/// stream's buffer is full, as they expect.
/// </remarks>
public sealed class SpdyConnection : IAsyncDisposable
{
    private readonly Stream _transport;
    private readonly SpdyFrameReader _reader;
    private readonly SpdyFrameWriter _writer;
    private readonly Channel<(SpdyFrame Frame, TaskCompletionSource Written)> _outbound =
        Channel.CreateUnbounded<(SpdyFrame, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<SpdyStream> _accepted = Channel.CreateUnbounded<SpdyStream>();
    private readonly Dictionary<int, SpdyStream> _streams = [];
    private readonly Dictionary<uint, (TaskCompletionSource<TimeSpan> Pong, long Sent)> _pings = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SpdyFrameDispatcher _dispatcher;
    private readonly Task _writeLoop;
    private readonly Task _readLoop;
    private TaskCompletionSource _windowChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextStreamId;
    private uint _nextPingId;
    private long _sendWindow = SpdyConnectionOptions.DefaultWindowSize;
    private int _unacknowledged;
    private bool _peerDoesFlowControl;
    private bool _goAwaySent;
    private bool _terminated;
    private int _disposed;

    /// <summary>Starts a session on <paramref name="transport"/> as the client (odd stream ids) or the server (even).</summary>
    public SpdyConnection(Stream transport, bool isServer, SpdyConnectionOptions? options = null)
    {
        _transport = transport;
        IsServer = isServer;
        Options = options ?? new SpdyConnectionOptions();
        _nextStreamId = isServer ? 2 : 1;
        _nextPingId = isServer ? 2u : 1u;
        PeerInitialWindowSize = SpdyConnectionOptions.DefaultWindowSize;
        _reader = new SpdyFrameReader(transport, Options.MaxFrameLength, Options.MaxHeaderBlockSize);
        _writer = new SpdyFrameWriter(transport);
        _dispatcher = new SpdyFrameDispatcher(this);
        _ = Enqueue(new SpdySettingsFrame([new SpdySetting(SpdySettingsFrame.InitialWindowSizeId, (uint)Options.InitialWindowSize)]));
        if (Options.InitialWindowSize > SpdyConnectionOptions.DefaultWindowSize)
        {
            _ = Enqueue(new SpdyWindowUpdateFrame(0, Options.InitialWindowSize - SpdyConnectionOptions.DefaultWindowSize));
        }

        _writeLoop = Task.Run(WriteLoopAsync);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>True for the server role.</summary>
    public bool IsServer { get; }

    /// <summary>The settings.</summary>
    public SpdyConnectionOptions Options { get; }

    /// <summary>Completes when the session has ended (GOAWAY and close, a protocol error, or the transport lost).</summary>
    public Task Completion => _completion.Task;

    /// <summary>The GOAWAY the peer sent, if any.</summary>
    public SpdyGoAwayFrame? GoAwayReceived { get; internal set; }

    internal Lock Sync { get; } = new();

    internal int PeerInitialWindowSize { get; set; }

    internal int LastPeerStreamId { get; set; }

    /// <summary>Opens a stream with <paramref name="headers"/>; <paramref name="fin"/> half-closes it at once.</summary>
    public async Task<SpdyStream> OpenStreamAsync(SpdyHeaders headers, bool fin = false, CancellationToken cancellationToken = default)
    {
        SpdyStream stream;
        Task written;
        lock (Sync)
        {
            if (_terminated || _goAwaySent || GoAwayReceived is not null)
            {
                throw new IOException("The SPDY connection is closing.");
            }

            // Allocated and queued under one lock: ids must reach the wire in increasing order.
            stream = new SpdyStream(this, _nextStreamId, headers, locallyInitiated: true, PeerInitialWindowSize);
            _nextStreamId += 2;
            _streams.Add(stream.Id, stream);
            written = Enqueue(new SpdySynStreamFrame(stream.Id, headers, fin ? SpdyFlags.Fin : SpdyFlags.None));
            if (fin)
            {
                stream.MarkLocalClosed();
            }
        }

        await written.WaitAsync(cancellationToken);
        return stream;
    }

    /// <summary>The next stream the peer opened, or null once the session has ended or the peer sent GOAWAY.</summary>
    public async ValueTask<SpdyStream?> AcceptStreamAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _accepted.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Sends a PING and returns the round trip time.</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var pong = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        uint id;
        lock (Sync)
        {
            ObjectDisposedException.ThrowIf(_terminated, this);
            id = _nextPingId;
            _nextPingId += 2;
            _pings[id] = (pong, Options.TimeProvider.GetTimestamp());
        }

        try
        {
            _ = Enqueue(new SpdyPingFrame(id));
            return await pong.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (Sync)
            {
                _pings.Remove(id);
            }
        }
    }

    /// <summary>Sends GOAWAY, flushes what is queued (bounded by the shutdown timeout) and closes the transport.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        SendGoAway(SpdyGoAwayStatus.Ok);
        using (var timeout = new CancellationTokenSource(Options.ShutdownTimeout))
        {
            try
            {
                await _writeLoop.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // The peer is not reading: closing the transport below unblocks the write.
            }
        }

        await _stopping.CancelAsync();
        await _transport.DisposeAsync();
        await Task.WhenAll(_readLoop, _writeLoop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Terminate(new IOException("The SPDY connection was closed."));
        _reader.Dispose();
        _writer.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Queues a frame; the task completes when it has been written to the transport.</summary>
    internal Task Enqueue(SpdyFrame frame)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_outbound.Writer.TryWrite((frame, written)))
        {
            written.TrySetException(new IOException("The SPDY connection is closed."));
            _ = written.Task.Exception;
        }

        return written.Task;
    }

    /// <summary>Queues a frame and waits until it is written.</summary>
    internal Task SendAsync(SpdyFrame frame, CancellationToken cancellationToken) => Enqueue(frame).WaitAsync(cancellationToken);

    /// <summary>Takes up to <paramref name="wanted"/> bytes of send credit, waiting for WINDOW_UPDATE when there is none.</summary>
    internal async ValueTask<int> ReserveSendWindowAsync(SpdyStream stream, int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (Sync)
            {
                if (_terminated)
                {
                    throw new IOException("The SPDY connection is closed.");
                }

                var allowed = _peerDoesFlowControl ? (int)Math.Min(wanted, Math.Min(stream.SendWindow, _sendWindow)) : wanted;
                if (allowed > 0)
                {
                    stream.SendWindow -= allowed;
                    _sendWindow -= allowed;
                    return allowed;
                }

                changed = _windowChanged.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The peer granted credit (SETTINGS or WINDOW_UPDATE). Returns false when a window would overflow.</summary>
    internal bool OnSendCredit(SpdyStream? stream, long delta)
    {
        lock (Sync)
        {
            _peerDoesFlowControl = true;
            if (stream is null)
            {
                _sendWindow += delta;
            }
            else
            {
                stream.SendWindow += delta;
            }

            var changed = _windowChanged;
            _windowChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
            return (stream?.SendWindow ?? _sendWindow) <= int.MaxValue;
        }
    }

    /// <summary>The application read <paramref name="count"/> bytes: return the credit once half a window is due (caller holds the lock).</summary>
    internal void OnConsumed(SpdyStream stream, int count)
    {
        if (!_peerDoesFlowControl)
        {
            // Credit would be ignored, and worse: a Go peer that closes its socket with our WINDOW_UPDATE unread
            // makes the kernel reset the connection, destroying output we have not read yet.
            return;
        }

        var threshold = Options.InitialWindowSize / 2;
        stream.UnacknowledgedBytes += count;
        if (stream.UnacknowledgedBytes >= threshold && !stream.IsRemoteClosed)
        {
            _ = Enqueue(new SpdyWindowUpdateFrame(stream.Id, stream.UnacknowledgedBytes));
            stream.UnacknowledgedBytes = 0;
        }

        _unacknowledged += count;
        if (_unacknowledged >= SpdyConnectionOptions.DefaultWindowSize / 2)
        {
            _ = Enqueue(new SpdyWindowUpdateFrame(0, _unacknowledged));
            _unacknowledged = 0;
        }
    }

    internal void OnStreamFinished(SpdyStream stream)
    {
        lock (Sync)
        {
            _streams.Remove(stream.Id);
        }
    }

    internal SpdyStream? FindStream(int id)
    {
        lock (Sync)
        {
            return _streams.GetValueOrDefault(id);
        }
    }

    /// <summary>Registers a stream the peer opened; null when the session is going away (refused).</summary>
    internal SpdyStream? AddPeerStream(SpdySynStreamFrame frame)
    {
        lock (Sync)
        {
            if (_terminated || _goAwaySent)
            {
                return null;
            }

            var stream = new SpdyStream(this, frame.StreamId, frame.Headers, locallyInitiated: false, PeerInitialWindowSize);
            _streams.Add(stream.Id, stream);
            _accepted.Writer.TryWrite(stream);
            return stream;
        }
    }

    internal IReadOnlyList<SpdyStream> SnapshotStreams()
    {
        lock (Sync)
        {
            return [.. _streams.Values];
        }
    }

    internal void OnPong(uint id)
    {
        lock (Sync)
        {
            if (_pings.TryGetValue(id, out var ping))
            {
                ping.Pong.TrySetResult(Options.TimeProvider.GetElapsedTime(ping.Sent));
            }
        }
    }

    /// <summary>True when a ping id has the parity of this side's own pings (so it is an answer, not a request).</summary>
    internal bool IsOwnPing(uint id) => (id % 2 == 0) == IsServer;

    internal void OnGoAway(SpdyGoAwayFrame frame)
    {
        GoAwayReceived = frame;
        _accepted.Writer.TryComplete();
    }

    /// <summary>Queues GOAWAY once and stops accepting new frames after it.</summary>
    internal void SendGoAway(SpdyGoAwayStatus status)
    {
        lock (Sync)
        {
            if (_goAwaySent || _terminated)
            {
                _outbound.Writer.TryComplete();
                return;
            }

            _goAwaySent = true;
            _ = Enqueue(new SpdyGoAwayFrame(LastPeerStreamId, status));
            _outbound.Writer.TryComplete();
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                try
                {
                    var frame = await _reader.ReadFrameAsync(_stopping.Token);
                    if (frame is null)
                    {
                        break;
                    }

                    await _dispatcher.DispatchAsync(frame, _stopping.Token);
                }
                catch (SpdyProtocolException e) when (!e.IsSessionError)
                {
                    _dispatcher.ResetStream(e.StreamId!.Value, e.Status, e);
                }
            }
        }
        catch (SpdyProtocolException e)
        {
            failure = e;
            SendGoAway(e.GoAwayStatus);
            // Let the GOAWAY out, then close: nothing the peer sends after a session error can be understood.
            await _writeLoop.WaitAsync(Options.ShutdownTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _transport.DisposeAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            failure = e;
        }

        Terminate(failure ?? new IOException("The peer closed the SPDY connection."));
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<TaskCompletionSource>();
        try
        {
            while (await _outbound.Reader.WaitToReadAsync(_stopping.Token))
            {
                while (_writer.PendingBytes < 64 * 1024 && _outbound.Reader.TryRead(out var item))
                {
                    _writer.Append(item.Frame);
                    batch.Add(item.Written);
                }

                await _writer.FlushAsync(_stopping.Token);
                batch.ForEach(written => written.TrySetResult());
                batch.Clear();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or NotSupportedException)
        {
            var failure = new IOException("Writing to the SPDY connection failed.", e);
            batch.ForEach(written => written.TrySetException(failure));
            _outbound.Writer.TryComplete();
            while (_outbound.Reader.TryRead(out var item))
            {
                item.Written.TrySetException(failure);
            }

            Terminate(failure);
        }
    }

    private void Terminate(Exception failure)
    {
        IReadOnlyList<SpdyStream> streams;
        lock (Sync)
        {
            if (_terminated)
            {
                return;
            }

            _terminated = true;
            streams = [.. _streams.Values];
            foreach (var ping in _pings.Values)
            {
                ping.Pong.TrySetException(new IOException("The SPDY connection closed.", failure));
            }

            _windowChanged.TrySetResult();
        }

        _accepted.Writer.TryComplete();
        _outbound.Writer.TryComplete();
        foreach (var stream in streams)
        {
            stream.Fail(new IOException("The SPDY connection closed: " + failure.Message, failure), null);
        }

        _completion.TrySetResult();
    }
}
