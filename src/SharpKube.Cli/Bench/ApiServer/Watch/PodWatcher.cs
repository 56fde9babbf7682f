using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using k8s;
using SharpKube.Cli.Bench.ApiServer.Clients;

namespace SharpKube.Cli.Bench.ApiServer.Watch;

/// <summary>
/// One watch of the run's pods from a given resourceVersion, as an informer holds it: it notes when it read each of the
/// writer's events (by the write's sequence number), checks they come once each in resourceVersion order, and when the
/// server ends the stream early, watches again from the last resourceVersion it saw, as client-go does.
/// </summary>
internal sealed class PodWatcher
{
    private readonly ClientFactory _factory;
    private readonly Kubernetes _client;
    private readonly string _namespace;
    private readonly Version _httpVersion;
    private readonly long[] _receivedAt;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _delivered;

    /// <param name="factory">Makes the watch request.</param>
    /// <param name="client">The client whose connection the watch uses.</param>
    /// <param name="ns">The namespace watched.</param>
    /// <param name="httpVersion">The HTTP version the watch must use.</param>
    /// <param name="writes">How many writes the writer will make: the sequence numbers to expect.</param>
    public PodWatcher(ClientFactory factory, Kubernetes client, string ns, Version httpVersion, int writes)
    {
        _factory = factory;
        _client = client;
        _namespace = ns;
        _httpVersion = httpVersion;
        _receivedAt = new long[writes];
    }

    /// <summary>Completes once the server has answered the first watch request (its headers are in).</summary>
    public Task Ready => _ready.Task;

    /// <summary>When each write's event was read (a <see cref="Stopwatch"/> timestamp; 0 if it was not).</summary>
    public ReadOnlySpan<long> ReceivedAt => _receivedAt;

    /// <summary>Writer events received, each counted once.</summary>
    public long Delivered => Volatile.Read(ref _delivered);

    /// <summary>Writer events received again after the first time.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Events whose resourceVersion was not above the previous event's.</summary>
    public long OutOfOrder { get; private set; }

    /// <summary>Times the server ended the stream and the watcher watched again.</summary>
    public long Restarts { get; private set; }

    /// <summary>Why the watch ended before it was stopped, if it did.</summary>
    public string? Error { get; private set; }

    /// <summary>Watches from <paramref name="resourceVersion"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(long resourceVersion, TimeSpan serverTimeout, CancellationToken cancellationToken)
    {
        var last = resourceVersion;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var uri = "api/v1/namespaces/" + _namespace + "/pods?allowWatchBookmarks=true&resourceVersion=" +
                    last.ToString(CultureInfo.InvariantCulture) + "&timeoutSeconds=" +
                    ((long)serverTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "&watch=true";
                using var request = _factory.Get(_client, uri, "application/json", _httpVersion);
                using var response = await _client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Error = $"watch answered {(int)response.StatusCode} {response.StatusCode}";
                    return;
                }

                _ready.TrySetResult();
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                last = await ReadEventsAsync(PipeReader.Create(body), last, cancellationToken);
                if (Error is not null)
                {
                    return;
                }

                Restarts++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the phase: the normal end.
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Error = e.Message;
        }
        finally
        {
            _ready.TrySetException(new InvalidOperationException(Error ?? "the watch stopped before the server answered"));
        }
    }

    private async Task<long> ReadEventsAsync(PipeReader reader, long last, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var received = Stopwatch.GetTimestamp();
                var buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    last = Handle(buffer.Slice(0, end), received, last);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                    if (Error is not null)
                    {
                        return last;
                    }
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return last;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private long Handle(ReadOnlySequence<byte> line, long received, long last)
    {
        if (line.IsEmpty)
        {
            return last;
        }

        if (!WatchEventLine.TryParse(line, out var e))
        {
            Error = "a watch event was not a JSON object";
            return last;
        }

        switch (e.Kind)
        {
            case WatchEventKind.Bookmark:
                return Math.Max(last, e.ResourceVersion);
            case WatchEventKind.Error:
                Error = "the server ended the watch with an ERROR event (too old resourceVersion?)";
                return last;
        }

        if (e.ResourceVersion <= last)
        {
            OutOfOrder++;
        }

        if (e.WriteSequence >= 0 && e.WriteSequence < _receivedAt.Length)
        {
            ref var slot = ref _receivedAt[e.WriteSequence];
            if (slot != 0)
            {
                Duplicates++;
            }
            else
            {
                slot = received;
                Volatile.Write(ref _delivered, _delivered + 1);
            }
        }

        return Math.Max(last, e.ResourceVersion);
    }
}
