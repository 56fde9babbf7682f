namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>
/// Makes a client's watches of one resource lag: every read of the stream waits first, so the informer's cache
/// falls behind what the controller itself just wrote — the situation controller expectations exist for.
/// </summary>
public sealed class LaggingWatchHandler(string resource, TimeSpan lag) : DelegatingHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var uri = request.RequestUri;
        if (uri is not null && uri.Query.Contains("watch=true", StringComparison.Ordinal)
            && uri.AbsolutePath.EndsWith("/" + resource, StringComparison.Ordinal) && response.IsSuccessStatusCode)
        {
            var inner = await response.Content.ReadAsStreamAsync(cancellationToken);
            var content = new StreamContent(new LaggingStream(inner, lag));
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response.Content = content;
        }
        return response;
    }

    private sealed class LaggingStream(Stream inner, TimeSpan lag) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(lag, cancellationToken);
            return await inner.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
