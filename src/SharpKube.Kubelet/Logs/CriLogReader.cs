using System.Buffers;
using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace SharpKube.Kubelet.Logs;

/// <summary>
/// Streams a container's CRI log file (<c>&lt;time&gt; &lt;stream&gt; &lt;F|P&gt; &lt;text&gt;</c> lines, as containerd
/// writes them) to a reader as plain text, honouring <see cref="ContainerLogOptions"/>. A follow read survives log
/// rotation: when the file is renamed away and a new one appears at the same path, it finishes the old file and
/// continues at the start of the new one.
/// </summary>
public sealed class CriLogReader
{
    /// <summary>How often a follow read looks for new lines when there are none.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(200);

    private const int InitialBufferSize = 64 * 1024;

    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;

    /// <summary>Creates a reader that waits with <paramref name="time"/> between polls of a followed file.</summary>
    public CriLogReader(TimeProvider time, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _pollInterval = pollInterval ?? DefaultPollInterval;
    }

    /// <summary>
    /// Writes the log at <paramref name="path"/> to <paramref name="output"/>. Without <c>Follow</c> it returns at the
    /// end of the file; with it, it keeps sending new lines (flushing each batch) until
    /// <paramref name="isRunning"/> says the container has stopped and the file holds nothing more, the byte limit
    /// is reached, or <paramref name="cancellationToken"/> fires (the reader went away).
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no log file at <paramref name="path"/>.</exception>
    public async Task ReadAsync(string path, ContainerLogOptions options, Stream output, Func<bool> isRunning,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(isRunning);
        var file = Open(path) ?? throw new FileNotFoundException($"log file \"{path}\" does not exist", path);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            var writer = new CriLogWriter(options);
            var openedAs = OpenedPath(file);
            var position = options.TailLines is { } tail ? CriLogTail.FindStart(file, RandomAccess.GetLength(file), tail) : 0L;
            var buffered = 0;
            var finalPass = false;
            while (true)
            {
                if (buffered == buffer.Length)
                {
                    // One file line longer than the buffer: grow it rather than cut the line.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, buffered).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(buffered), position, cancellationToken).ConfigureAwait(false);
                if (read > 0)
                {
                    position += read;
                    buffered += read;
                    var consumed = AddCompleteLines(buffer.AsSpan(0, buffered), writer);
                    buffer.AsSpan(consumed, buffered - consumed).CopyTo(buffer);
                    buffered -= consumed;
                    await writer.WriteToAsync(output, options.Follow, cancellationToken).ConfigureAwait(false);
                    if (writer.LimitReached)
                    {
                        return;
                    }
                    continue;
                }
                // At the end of the file. A torn last line (no newline yet) stays buffered until it completes.
                if (!options.Follow)
                {
                    return;
                }
                if (OpenedPath(file) != openedAs && Open(path) is { } next)
                {
                    // Rotated: the old file is read to its end; a torn line left in it will never complete.
                    file.Dispose();
                    file = next;
                    openedAs = OpenedPath(file);
                    position = 0;
                    buffered = 0;
                    finalPass = false;
                    continue;
                }
                if (!isRunning())
                {
                    // One more pass after the container stopped catches lines written since the last read.
                    if (finalPass)
                    {
                        return;
                    }
                    finalPass = true;
                    continue;
                }
                await Task.Delay(_pollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            file.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Adds every newline-terminated line in <paramref name="data"/>; returns the bytes consumed.</summary>
    private static int AddCompleteLines(ReadOnlySpan<byte> data, CriLogWriter writer)
    {
        var consumed = 0;
        while (!writer.LimitReached)
        {
            var newline = data[consumed..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }
            // A line not in the CRI format is skipped, as upstream's kubelet does.
            if (CriLogLine.TryParse(data.Slice(consumed, newline), out var line))
            {
                writer.Add(line);
            }
            consumed += newline + 1;
        }
        return consumed;
    }

    private static SafeFileHandle? Open(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Where the open file now lives, from <c>/proc/self/fd</c>: it changes when the file is renamed (rotated) or
    /// removed, which is how a follow read notices rotation without an inode API.
    /// </summary>
    private static string? OpenedPath(SafeFileHandle file)
    {
        var descriptor = file.DangerousGetHandle().ToInt64().ToString(CultureInfo.InvariantCulture);
        try
        {
            return new FileInfo("/proc/self/fd/" + descriptor).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
