namespace SharpKube.ApiServer.Streaming.Translation;

/// <summary>Which streams an exec or attach session uses (from its stdin/stdout/stderr/tty query parameters).</summary>
/// <param name="Stdin">The client sends input.</param>
/// <param name="Stdout">The client wants standard output.</param>
/// <param name="Stderr">The client wants standard error (never with a TTY, which merges it into stdout).</param>
/// <param name="Tty">A terminal: the client may send resize events.</param>
public sealed record ExecStreams(bool Stdin, bool Stdout, bool Stderr, bool Tty);
