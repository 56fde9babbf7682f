namespace SharpKube.Proxy.Node;

/// <summary>How a command ended: its exit code and output.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">What it wrote to standard output.</param>
/// <param name="StandardError">What it wrote to standard error.</param>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError);
