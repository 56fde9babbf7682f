using System.IO.Pipelines;
using System.Text;
using SharpKube.Kubelet.Logs;

namespace SharpKube.Kubelet.Tests.Logs;

public sealed class CriLogReaderTests : IDisposable
{
    private readonly CriLogFile _log = new();
    private readonly CriLogReader _reader = new(TimeProvider.System, TimeSpan.FromMilliseconds(20));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _log.Dispose();

    private async Task<string> ReadAsync(ContainerLogOptions options)
    {
        using var output = new MemoryStream();
        await _reader.ReadAsync(_log.Path, options, output, () => false, Ct);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task Read_SendsTheTextOfEveryLine_FromBothStreams()
    {
        _log.Append(1, "hello");
        _log.Append(2, "oops", stream: "stderr");
        _log.Append(3, "");

        Assert.Equal("hello\noops\n\n", await ReadAsync(new ContainerLogOptions()));
    }

    [Fact]
    public async Task Read_JoinsPartialChunksIntoOneLine()
    {
        _log.Append(1, "a long ", partial: true);
        _log.Append(1, "line ", partial: true);
        _log.Append(2, "ends here");

        Assert.Equal("a long line ends here\n", await ReadAsync(new ContainerLogOptions()));
    }

    [Fact]
    public async Task Read_EndingWithPartialChunks_SendsThemWithoutANewline()
    {
        // containerd writes output left without a newline at exit as a P line.
        _log.Append(1, "done");
        _log.Append(2, "no newline", partial: true);

        Assert.Equal("done\nno newline", await ReadAsync(new ContainerLogOptions()));
    }

    [Fact]
    public async Task Read_IgnoresATornLastLineStillBeingWritten()
    {
        _log.Append(1, "complete");
        _log.AppendRaw($"{CriLogFile.Stamp(2)} stdout F half-writ");

        Assert.Equal("complete\n", await ReadAsync(new ContainerLogOptions()));
    }

    [Fact]
    public async Task Read_WithTimestamps_PrefixesEachWholeLineOnceWithItsFirstChunksTime()
    {
        _log.Append(1, "first");
        _log.Append(2, "split ", partial: true);
        _log.Append(3, "line");

        var text = await ReadAsync(new ContainerLogOptions { Timestamps = true });

        Assert.Equal($"{CriLogFile.Stamp(1)} first\n{CriLogFile.Stamp(2)} split line\n", text);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "four\n")]
    [InlineData(2, "three is long\nfour\n")]
    [InlineData(4, "one\ntwo\nthree is long\nfour\n")]
    [InlineData(10, "one\ntwo\nthree is long\nfour\n")]
    public async Task Read_WithTailLines_SendsTheLastWholeLines_CountingSplitLinesOnce(long tail, string expected)
    {
        _log.Append(1, "one");
        _log.Append(2, "two");
        _log.Append(3, "three ", partial: true);
        _log.Append(3, "is ", partial: true);
        _log.Append(3, "long");
        _log.Append(4, "four");

        Assert.Equal(expected, await ReadAsync(new ContainerLogOptions { TailLines = tail }));
    }

    [Fact]
    public async Task Read_WithTailLines_OnAFileOfManyBlocks_SendsExactlyTheLastLines()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 50_000; i++)
        {
            text.Append(CriLogFile.Stamp(i % 60)).Append(" stdout F line number ").Append(i).Append('\n');
        }
        _log.AppendRaw(text.ToString());

        var tail = await ReadAsync(new ContainerLogOptions { TailLines = 3000 });

        var lines = tail.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3000, lines.Length);
        Assert.Equal("line number 47000", lines[0]);
        Assert.Equal("line number 49999", lines[^1]);
    }

    [Fact]
    public async Task Read_WithSinceTime_DropsLinesLoggedBefore()
    {
        _log.Append(1, "old");
        _log.Append(5, "new ", partial: true);
        _log.Append(6, "and split");
        _log.Append(7, "newest");

        var since = DateTimeOffset.Parse("2025-03-01T10:00:05Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("new and split\nnewest\n", await ReadAsync(new ContainerLogOptions { SinceTime = since }));
    }

    [Fact]
    public async Task Read_WithLimitBytes_StopsAfterThatManyBytes()
    {
        _log.Append(1, "0123456789");
        _log.Append(2, "abcdefghij");

        Assert.Equal("0123456789\nabc", await ReadAsync(new ContainerLogOptions { LimitBytes = 14 }));
    }

    [Fact]
    public async Task Read_WithTailAndTimestampsAndLimit_AppliesAllThree()
    {
        _log.Append(1, "one");
        _log.Append(2, "two");
        _log.Append(3, "three");

        var text = await ReadAsync(new ContainerLogOptions { TailLines = 2, Timestamps = true, LimitBytes = 40 });

        Assert.Equal($"{CriLogFile.Stamp(2)} two\n{CriLogFile.Stamp(3)} th"[..40], text);
    }

    [Fact]
    public async Task Read_OfAMissingFile_Throws()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            _reader.ReadAsync(Path.Combine(_log.Directory, "9.log"), new ContainerLogOptions(), Stream.Null, () => false, Ct));
    }

    [Fact]
    public async Task Follow_StreamsAppendedLines_AndEndsAfterTheContainerStops()
    {
        _log.Append(1, "before");
        var running = true;
        var pipe = new Pipe();
        using var lines = new StreamReader(pipe.Reader.AsStream());
        var reading = Task.Run(async () =>
        {
            await _reader.ReadAsync(_log.Path, new ContainerLogOptions { Follow = true }, pipe.Writer.AsStream(), () => Volatile.Read(ref running), Ct);
            await pipe.Writer.CompleteAsync();
        }, Ct);

        Assert.Equal("before", await ReadLineAsync(lines));
        _log.Append(2, "appended ", partial: true);
        _log.Append(3, "while following");
        Assert.Equal("appended while following", await ReadLineAsync(lines));
        _log.Append(4, "last words");
        Volatile.Write(ref running, false);

        Assert.Equal("last words", await ReadLineAsync(lines));
        await reading.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Null(await lines.ReadLineAsync(Ct));
    }

    [Fact]
    public async Task Follow_ContinuesInTheNewFile_AfterTheLogIsRotated()
    {
        _log.Append(1, "in the first file");
        var running = true;
        var pipe = new Pipe();
        using var lines = new StreamReader(pipe.Reader.AsStream());
        var reading = Task.Run(async () =>
        {
            await _reader.ReadAsync(_log.Path, new ContainerLogOptions { Follow = true }, pipe.Writer.AsStream(), () => Volatile.Read(ref running), Ct);
            await pipe.Writer.CompleteAsync();
        }, Ct);
        Assert.Equal("in the first file", await ReadLineAsync(lines));

        // What rotation does: the runtime's open file is renamed, it writes a last line there, then reopens the path.
        File.Move(_log.Path, _log.Path + ".20250301-100000");
        File.AppendAllText(_log.Path + ".20250301-100000", $"{CriLogFile.Stamp(2)} stdout F written before the reopen\n");
        _log.Append(3, "in the new file");

        Assert.Equal("written before the reopen", await ReadLineAsync(lines));
        Assert.Equal("in the new file", await ReadLineAsync(lines));
        Volatile.Write(ref running, false);
        await reading.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Follow_WithTailZero_SendsOnlyNewLines()
    {
        _log.Append(1, "old news");
        var pipe = new Pipe();
        using var lines = new StreamReader(pipe.Reader.AsStream());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var reading = _reader.ReadAsync(_log.Path, new ContainerLogOptions { Follow = true, TailLines = 0 }, pipe.Writer.AsStream(), () => true, stop.Token);

        _log.Append(2, "fresh");

        Assert.Equal("fresh", await ReadLineAsync(lines));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        return await reader.ReadLineAsync(deadline.Token);
    }
}
