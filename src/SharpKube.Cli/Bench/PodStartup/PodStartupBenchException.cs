namespace SharpKube.Cli.Bench.PodStartup;

/// <summary>
/// The pod start benchmark could not run to its end: a component failed to start or exited, or a phase timed out.
/// It is an <see cref="InvalidOperationException"/>, so the command reports it as one "error:" line.
/// </summary>
internal sealed class PodStartupBenchException : InvalidOperationException
{
    public PodStartupBenchException(string message)
        : base(message)
    {
    }

    public PodStartupBenchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
