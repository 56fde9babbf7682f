namespace SharpKube.Cli.Bench.SingleNode;

/// <summary>
/// A benchmark on a single real node could not run to its end: a component failed to start or exited, or a phase timed out.
/// It is an <see cref="InvalidOperationException"/>, so the command reports it as one "error:" line.
/// </summary>
internal sealed class NodeBenchException : InvalidOperationException
{
    public NodeBenchException(string message)
        : base(message)
    {
    }

    public NodeBenchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
