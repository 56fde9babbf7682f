namespace SharpKube.Cli.Bench;

/// <summary>
/// The last lines a child process printed, kept for error messages, and a signal that completes with true when a
/// given line appears or false when the process ends first. Lines arrive from the process's reader threads.
/// </summary>
internal sealed class OutputTail
{
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;
    private readonly string _readyMarker;
    private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();

    public OutputTail(int capacity, string readyMarker)
    {
        _capacity = capacity;
        _readyMarker = readyMarker;
    }

    /// <summary>True once the ready marker was printed; false if the process ended before.</summary>
    public Task<bool> Ready => _ready.Task;

    /// <summary>The kept lines, joined into one.</summary>
    public string Text
    {
        get
        {
            lock (_lock)
            {
                return string.Join(" | ", _lines);
            }
        }
    }

    /// <summary>Keeps <paramref name="line"/> (null marks the end of a stream).</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _lines.Enqueue(line);
            if (_lines.Count > _capacity)
            {
                _lines.Dequeue();
            }
        }

        if (line.Contains(_readyMarker, StringComparison.Ordinal))
        {
            _ready.TrySetResult(true);
        }
    }

    /// <summary>The process has exited.</summary>
    public void Ended() => _ready.TrySetResult(false);
}
