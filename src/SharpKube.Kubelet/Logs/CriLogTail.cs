using Microsoft.Win32.SafeHandles;

namespace SharpKube.Kubelet.Logs;

/// <summary>
/// Finds where the last N lines of a CRI log file begin by reading backwards from the end in blocks, so a tail of a
/// large file costs about the size of the tail, not of the file.
/// </summary>
internal static class CriLogTail
{
    private const int BlockSize = 64 * 1024;

    // Enough for "<timestamp> <stream> <tag>" of any sane writer; the tag only needs to be found, not the text.
    private const int HeaderSize = 128;

    /// <summary>
    /// The offset where the last <paramref name="lines"/> whole lines start: a line ends at an <c>F</c> file line,
    /// its <c>P</c> chunks before it belong to it, and a trailing run of <c>P</c> chunks counts as a line. A torn
    /// file line without its newline at the end is not counted. Returns 0 when the file has no more lines than asked.
    /// </summary>
    public static long FindStart(SafeFileHandle file, long length, long lines)
    {
        var block = new byte[BlockSize];
        // The block last read, [blockStart, blockStart + blockLength): consecutive searches walk back through it.
        var blockStart = length;
        var blockLength = 0;

        long LastNewline(long before)
        {
            while (before > 0)
            {
                if (before <= blockStart)
                {
                    blockStart = Math.Max(0, before - BlockSize);
                    blockLength = RandomAccess.Read(file, block.AsSpan(0, (int)(before - blockStart)), blockStart);
                }
                var searched = (int)Math.Min(before - blockStart, blockLength);
                var index = block.AsSpan(0, searched).LastIndexOf((byte)'\n');
                if (index >= 0)
                {
                    return blockStart + index;
                }
                before = blockStart;
            }
            return -1;
        }

        var end = LastNewline(length);
        if (end < 0)
        {
            return 0;
        }
        // The offset just past the last complete file line: nothing at or after it counts.
        var complete = end + 1;
        if (lines <= 0)
        {
            return complete;
        }
        var header = new byte[HeaderSize];
        var found = 0L;
        var lineEnd = end;
        while (lineEnd >= 0)
        {
            var previous = LastNewline(lineEnd);
            // A whole line begins right after each F file line (this one, from previous + 1 to lineEnd).
            if (lineEnd + 1 < complete && IsFullLine(file, header, previous + 1, lineEnd) && ++found == lines)
            {
                return lineEnd + 1;
            }
            lineEnd = previous;
        }
        return 0;
    }

    private static bool IsFullLine(SafeFileHandle file, byte[] header, long start, long newline)
    {
        var count = (int)Math.Min(header.Length, newline - start);
        var read = RandomAccess.Read(file, header.AsSpan(0, count), start);
        return !CriLogLine.TryParse(header.AsSpan(0, read), out var line) || !line.IsPartial;
    }
}
