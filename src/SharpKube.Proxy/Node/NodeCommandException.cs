namespace SharpKube.Proxy.Node;

/// <summary>A command the proxy ran on the node (iptables-restore, conntrack, sysctl …) exited with an error.</summary>
public sealed class NodeCommandException : Exception
{
    /// <summary>A failure of <paramref name="command"/> with <paramref name="exitCode"/> and its standard error.</summary>
    public NodeCommandException(string command, int exitCode, string standardError)
        : base($"{command} exited with {exitCode}: {standardError.Trim()}")
    {
        Command = command;
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>The command line that failed.</summary>
    public string Command { get; }

    /// <summary>Its exit code.</summary>
    public int ExitCode { get; }

    /// <summary>What it wrote to standard error.</summary>
    public string StandardError { get; }
}
