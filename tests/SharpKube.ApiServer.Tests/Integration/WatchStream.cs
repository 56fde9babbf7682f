using System.Text.Json;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>The newline-delimited WatchEvents of one watch response, read one at a time with deadlines.</summary>
public sealed class WatchStream : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    private readonly StreamReader _reader;
    private readonly Stream _body;

    private WatchStream(HttpResponseMessage response, Stream body)
    {
        Response = response;
        _body = body;
        _reader = new StreamReader(body);
    }

    public HttpResponseMessage Response { get; }

    public static async Task<WatchStream> OpenAsync(HttpResponseMessage response) =>
        new(response, await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));

    /// <summary>The next event, or null when the server ended the stream. Fails when none arrives within <paramref name="wait"/>.</summary>
    public async Task<WatchEventLine?> NextAsync(TimeSpan? wait = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(wait ?? DefaultWait);
        string? line;
        try
        {
            line = await _reader.ReadLineAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no watch event within {wait ?? DefaultWait}");
        }
        if (line is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return new WatchEventLine(root.GetProperty("type").GetString()!, root.GetProperty("object").Clone());
    }

    /// <summary>The next event that is not a BOOKMARK; fails at the end of the stream.</summary>
    public async Task<WatchEventLine> NextChangeAsync(TimeSpan? wait = null)
    {
        while (true)
        {
            var next = await NextAsync(wait) ?? throw new InvalidOperationException("the watch ended");
            if (next.Type != "BOOKMARK")
            {
                return next;
            }
        }
    }

    /// <summary>Reads changes until <paramref name="count"/> have arrived.</summary>
    public async Task<List<WatchEventLine>> TakeAsync(int count, TimeSpan? wait = null)
    {
        var result = new List<WatchEventLine>(count);
        while (result.Count < count)
        {
            result.Add(await NextChangeAsync(wait));
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _body.DisposeAsync();
        Response.Dispose();
    }
}
