namespace SharpKube.Cli.Bench.Dns;

/// <summary>
/// The DNS benchmark could not run to its end: a server or tool did not start, exited, or answered wrongly. It is an
/// <see cref="InvalidOperationException"/>, so the command reports it as one "error:" line.
/// </summary>
internal sealed class DnsBenchException : InvalidOperationException
{
    public DnsBenchException(string message)
        : base(message)
    {
    }

    public DnsBenchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
