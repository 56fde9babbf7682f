namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>
/// One SPDY stream: a bidirectional byte channel with headers, half-close (FIN) in each direction and reset.
/// One reader and one writer may use it concurrently; its state is guarded by the connection's lock.
/// </summary>
public sealed class SpdyStream
{
    private readonly SpdyConnection _connection;
    private readonly Lock _sync;
    private readonly Queue<byte[]> _segments = new();
    private readonly TaskCompletionSource<SpdyHeaders> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _segmentOffset;
    private int _buffered;
    private bool _localClosed;
    private bool _remoteClosed;
    private bool _replied;
    private Exception? _failure;
    private bool _discarded;

    internal SpdyStream(SpdyConnection connection, int id, SpdyHeaders headers, bool locallyInitiated, long sendWindow)
    {
        _connection = connection;
        _sync = connection.Sync;
        Id = id;
        Headers = headers;
        IsLocallyInitiated = locallyInitiated;
        SendWindow = sendWindow;
        _replied = locallyInitiated;
    }

    /// <summary>The stream id.</summary>
    public int Id { get; }

    /// <summary>The headers of the SYN_STREAM that opened the stream (sent or received).</summary>
    public SpdyHeaders Headers { get; }

    /// <summary>True for streams this side opened.</summary>
    public bool IsLocallyInitiated { get; }

    /// <summary>The peer's SYN_REPLY headers (streams this side opened); faults if the stream is reset first.</summary>
    public Task<SpdyHeaders> Reply => _reply.Task;

    /// <summary>Completes when both directions are closed, or the stream is reset or its connection lost.</summary>
    public Task Completion => _completion.Task;

    /// <summary>The reset status, once the stream has been reset by either side.</summary>
    public SpdyStatusCode? ResetStatus { get; private set; }

    /// <summary>True once the peer has half-closed (FIN received).</summary>
    public bool IsRemoteClosed
    {
        get
        {
            lock (_sync)
            {
                return _remoteClosed;
            }
        }
    }

    internal long SendWindow { get; set; }

    internal int UnacknowledgedBytes { get; set; }

    /// <summary>Accepts a stream the peer opened (SYN_REPLY); writing does it implicitly with no headers.</summary>
    public async ValueTask ReplyAsync(SpdyHeaders? headers = null, bool fin = false, CancellationToken cancellationToken = default)
    {
        Task written;
        lock (_sync)
        {
            if (_replied)
            {
                throw new InvalidOperationException($"Stream {Id} has already been replied to.");
            }

            ThrowIfFailed();
            _replied = true;
            _localClosed |= fin;
            written = _connection.Enqueue(new SpdySynReplyFrame(Id, headers ?? new SpdyHeaders(), fin ? SpdyFlags.Fin : SpdyFlags.None));
        }

        _reply.TrySetResult(headers ?? new SpdyHeaders());
        await written.WaitAsync(cancellationToken);
        CompleteIfDone();
    }

    /// <summary>
    /// Reads received bytes; 0 once the peer has half-closed or reset the stream (see <see cref="ResetStatus"/>).
    /// Throws <see cref="IOException"/> after this side reset it, or when the connection is lost before the peer's FIN.
    /// </summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            Task changed;
            lock (_sync)
            {
                if (_discarded)
                {
                    ThrowIfFailed();
                }

                if (_buffered > 0)
                {
                    var read = TakeBuffered(buffer.Span);
                    if (_failure is null)
                    {
                        _connection.OnConsumed(this, read);
                    }

                    Signal();
                    return read;
                }

                // A reset by the peer ends reading like a FIN, as the Go peers treat it: the kubelet resets the error
                // stream right after writing the exit status, without a FIN. ResetStatus tells the two apart.
                if (_remoteClosed || (ResetStatus is not null && !_discarded))
                {
                    return 0;
                }

                ThrowIfFailed();
                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Sends bytes in DATA frames, within the flow control windows.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await EnsureRepliedAsync(cancellationToken);
        while (!data.IsEmpty)
        {
            lock (_sync)
            {
                ThrowIfFailed();
                if (_localClosed)
                {
                    throw new InvalidOperationException($"Stream {Id} is closed for writing.");
                }
            }

            var chunk = Math.Min(data.Length, _connection.Options.MaxOutboundDataFrameSize);
            var allowed = await _connection.ReserveSendWindowAsync(this, chunk, cancellationToken);
            await _connection.SendAsync(new SpdyDataFrame(Id, data[..allowed].ToArray()), cancellationToken);
            data = data[allowed..];
        }
    }

    /// <summary>Half-closes: an empty DATA frame with FLAG_FIN. The peer reads end-of-stream; reading here goes on.</summary>
    public async ValueTask CloseWriteAsync(CancellationToken cancellationToken = default)
    {
        await EnsureRepliedAsync(cancellationToken);
        Task written;
        lock (_sync)
        {
            if (_localClosed || _failure is not null)
            {
                return;
            }

            _localClosed = true;
            written = _connection.Enqueue(new SpdyDataFrame(Id, ReadOnlyMemory<byte>.Empty, SpdyFlags.Fin));
        }

        await written.WaitAsync(cancellationToken);
        CompleteIfDone();
    }

    /// <summary>Ends the stream abnormally (RST_STREAM); pending reads and writes fail.</summary>
    public void Reset(SpdyStatusCode status = SpdyStatusCode.Cancel)
    {
        lock (_sync)
        {
            if (_failure is not null || _completion.Task.IsCompleted)
            {
                return;
            }

            _ = _connection.Enqueue(new SpdyRstStreamFrame(Id, status));
        }

        Fail(new IOException($"SPDY stream {Id} was reset ({status})."), status, discardBuffered: true);
    }

    /// <summary>The peer replied (SYN_REPLY); false when it already had.</summary>
    internal bool OnReply(SpdyHeaders headers) => _reply.TrySetResult(headers);

    /// <summary>Buffers data from the peer, waiting while the buffer is full (peers that ignore flow control).</summary>
    internal async ValueTask OnDataAsync(byte[] data, bool fin, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_sync)
            {
                if (_failure is not null)
                {
                    return;
                }

                if (data.Length == 0 || _buffered < _connection.Options.InitialWindowSize)
                {
                    if (data.Length > 0)
                    {
                        _segments.Enqueue(data);
                        _buffered += data.Length;
                    }

                    _remoteClosed |= fin;
                    Signal();
                    break;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }

        CompleteIfDone();
    }

    /// <summary>The peer half-closed without data (FIN on SYN_STREAM, SYN_REPLY or HEADERS).</summary>
    internal void OnRemoteFin()
    {
        lock (_sync)
        {
            _remoteClosed = true;
            Signal();
        }

        CompleteIfDone();
    }

    /// <summary>Marks the local side closed without sending anything (a unidirectional stream from the peer).</summary>
    internal void MarkLocalClosed()
    {
        lock (_sync)
        {
            _localClosed = true;
        }
    }

    /// <summary>
    /// Fails the stream: a reset from either side, or the loss of the connection. Unless <paramref name="discardBuffered"/>
    /// (this side gave up on the stream), what the peer sent before stays readable, as the Go peers expect: they
    /// finish a session with FIN on every stream and then RST_STREAM CANCEL on all of them.
    /// </summary>
    internal void Fail(Exception failure, SpdyStatusCode? status, bool discardBuffered = false)
    {
        lock (_sync)
        {
            if (_failure is not null || _completion.Task.IsCompleted)
            {
                return;
            }

            _failure = failure;
            ResetStatus = status;
            if (discardBuffered)
            {
                _discarded = true;
                _segments.Clear();
                _buffered = 0;
            }

            Signal();
        }

        _reply.TrySetException(failure);
        _ = _reply.Task.Exception; // observed: nobody need await a reply that never comes
        _connection.OnStreamFinished(this);
        _completion.TrySetResult();
    }

    private async ValueTask EnsureRepliedAsync(CancellationToken cancellationToken)
    {
        bool replied;
        lock (_sync)
        {
            replied = _replied;
        }

        if (!replied)
        {
            await ReplyAsync(cancellationToken: cancellationToken);
        }
    }

    private int TakeBuffered(Span<byte> target)
    {
        var total = 0;
        while (total < target.Length && _segments.Count > 0)
        {
            var segment = _segments.Peek();
            var count = Math.Min(segment.Length - _segmentOffset, target.Length - total);
            segment.AsSpan(_segmentOffset, count).CopyTo(target[total..]);
            total += count;
            _segmentOffset += count;
            if (_segmentOffset == segment.Length)
            {
                _segments.Dequeue();
                _segmentOffset = 0;
            }
        }

        _buffered -= total;
        return total;
    }

    private void CompleteIfDone()
    {
        lock (_sync)
        {
            if (!_localClosed || !_remoteClosed || _failure is not null)
            {
                return;
            }
        }

        _connection.OnStreamFinished(this);
        _completion.TrySetResult();
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new IOException(_failure.Message, _failure);
        }
    }

    /// <summary>Wakes every waiter (reader, writer, buffering read loop); they re-check the state.</summary>
    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
