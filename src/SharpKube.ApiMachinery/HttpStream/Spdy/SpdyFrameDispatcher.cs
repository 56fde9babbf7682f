namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>
/// What a <see cref="SpdyConnection"/> does with each inbound frame. Stream errors throw
/// <see cref="SpdyProtocolException"/> with a stream id (the connection answers RST_STREAM); session errors without.
/// </summary>
internal sealed class SpdyFrameDispatcher(SpdyConnection connection)
{
    /// <summary>Applies one inbound frame.</summary>
    public async ValueTask DispatchAsync(SpdyFrame frame, CancellationToken cancellationToken)
    {
        switch (frame)
        {
            case SpdyDataFrame data:
                await OnDataAsync(data, cancellationToken);
                break;
            case SpdySynStreamFrame syn:
                OnSynStream(syn);
                break;
            case SpdySynReplyFrame reply:
                var replied = Existing(reply.StreamId);
                if (!replied.IsLocallyInitiated || !replied.OnReply(reply.Headers))
                {
                    throw new SpdyProtocolException("A second SYN_REPLY.", reply.StreamId, SpdyStatusCode.StreamInUse);
                }

                FinIfSet(replied, reply);
                break;
            case SpdyHeadersFrame headers:
                FinIfSet(Existing(headers.StreamId), headers);
                break;
            case SpdyRstStreamFrame rst:
                connection.FindStream(rst.StreamId)?.Fail(new IOException($"The peer reset SPDY stream {rst.StreamId} ({rst.Status})."), rst.Status);
                break;
            case SpdySettingsFrame settings:
                OnSettings(settings);
                break;
            case SpdyPingFrame ping:
                if (connection.IsOwnPing(ping.Id))
                {
                    connection.OnPong(ping.Id);
                }
                else
                {
                    _ = connection.Enqueue(ping);
                }

                break;
            case SpdyGoAwayFrame goAway:
                OnGoAway(goAway);
                break;
            case SpdyWindowUpdateFrame update:
                OnWindowUpdate(update);
                break;
        }
    }

    /// <summary>Answers a stream error: RST_STREAM to the peer, and the stream (if still known) fails here.</summary>
    public void ResetStream(int streamId, SpdyStatusCode status, Exception cause)
    {
        _ = connection.Enqueue(new SpdyRstStreamFrame(streamId, status));
        connection.FindStream(streamId)?.Fail(new IOException(cause.Message, cause), status, discardBuffered: true);
    }

    private async ValueTask OnDataAsync(SpdyDataFrame data, CancellationToken cancellationToken)
    {
        var stream = connection.FindStream(data.StreamId)
            ?? throw new SpdyProtocolException($"DATA for stream {data.StreamId}, which is not open.", data.StreamId, SpdyStatusCode.InvalidStream);
        if (stream.IsRemoteClosed)
        {
            throw new SpdyProtocolException($"DATA after FIN on stream {data.StreamId}.", data.StreamId, SpdyStatusCode.StreamAlreadyClosed);
        }

        var bytes = data.Data.Length == 0 ? [] : data.Data.ToArray();
        await stream.OnDataAsync(bytes, data.IsFin, cancellationToken);
    }

    private void OnSynStream(SpdySynStreamFrame syn)
    {
        var peerParity = connection.IsServer ? 1 : 0;
        if (syn.StreamId % 2 != peerParity || syn.StreamId <= connection.LastPeerStreamId)
        {
            throw new SpdyProtocolException($"SYN_STREAM with an unexpected id {syn.StreamId}.", syn.StreamId, SpdyStatusCode.ProtocolError);
        }

        connection.LastPeerStreamId = syn.StreamId;
        var stream = connection.AddPeerStream(syn);
        if (stream is null)
        {
            _ = connection.Enqueue(new SpdyRstStreamFrame(syn.StreamId, SpdyStatusCode.RefusedStream));
            return;
        }

        if ((syn.Flags & SpdyFlags.Unidirectional) != 0)
        {
            stream.MarkLocalClosed();
        }

        FinIfSet(stream, syn);
    }

    private void OnSettings(SpdySettingsFrame settings)
    {
        foreach (var setting in settings.Settings)
        {
            if (setting.Id != SpdySettingsFrame.InitialWindowSizeId)
            {
                continue;
            }

            if (setting.Value > int.MaxValue)
            {
                throw new SpdyProtocolException("SETTINGS_INITIAL_WINDOW_SIZE is out of range.");
            }

            // A new initial window moves every open stream's window by the difference.
            var delta = (long)setting.Value - connection.PeerInitialWindowSize;
            connection.PeerInitialWindowSize = (int)setting.Value;
            foreach (var stream in connection.SnapshotStreams())
            {
                connection.OnSendCredit(stream, delta);
            }

            connection.OnSendCredit(null, 0);
        }
    }

    private void OnGoAway(SpdyGoAwayFrame goAway)
    {
        connection.OnGoAway(goAway);
        foreach (var stream in connection.SnapshotStreams())
        {
            // Streams this side opened above the last good id were never seen by the peer.
            if (stream.IsLocallyInitiated && stream.Id > goAway.LastGoodStreamId)
            {
                stream.Fail(new IOException($"The peer went away before SPDY stream {stream.Id} ({goAway.Status})."), SpdyStatusCode.RefusedStream);
            }
        }
    }

    private void OnWindowUpdate(SpdyWindowUpdateFrame update)
    {
        if (update.StreamId == 0)
        {
            if (!connection.OnSendCredit(null, update.Delta))
            {
                throw new SpdyProtocolException("The connection window overflowed.");
            }

            return;
        }

        // Credit for a stream that has just closed is harmless and ignored.
        var stream = connection.FindStream(update.StreamId);
        if (stream is not null && !connection.OnSendCredit(stream, update.Delta))
        {
            throw new SpdyProtocolException($"The window of stream {update.StreamId} overflowed.", update.StreamId, SpdyStatusCode.FlowControlError);
        }
    }

    private SpdyStream Existing(int streamId) =>
        connection.FindStream(streamId)
        ?? throw new SpdyProtocolException($"A frame for stream {streamId}, which is not open.", streamId, SpdyStatusCode.InvalidStream);

    private static void FinIfSet(SpdyStream stream, SpdyFrame frame)
    {
        if (frame.IsFin)
        {
            stream.OnRemoteFin();
        }
    }
}
