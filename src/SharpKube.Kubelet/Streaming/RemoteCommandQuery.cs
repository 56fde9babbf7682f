using Microsoft.AspNetCore.Http;

namespace SharpKube.Kubelet.Streaming;

/// <summary>
/// The query of the kubelet's <c>/exec</c> and <c>/attach</c>: <c>command</c> (repeated, exec only) and the streams
/// <c>input</c>, <c>output</c>, <c>error</c> and <c>tty</c>, each on when <c>1</c> (the API server's form) or <c>true</c>.
/// As upstream, a terminal has no separate stderr, and at least one stream must be asked for.
/// </summary>
/// <param name="Command">The command to run (empty for attach).</param>
/// <param name="Stdin">Pass the client's stdin.</param>
/// <param name="Stdout">Pass the process's stdout.</param>
/// <param name="Stderr">Pass the process's stderr (never with a terminal).</param>
/// <param name="Tty">Allocate a terminal.</param>
internal sealed record RemoteCommandQuery(IReadOnlyList<string> Command, bool Stdin, bool Stdout, bool Stderr, bool Tty)
{
    /// <summary>Upstream's answer when no stream is asked for.</summary>
    public const string NoStreamMessage = "you must specify at least 1 of stdin, stdout, stderr";

    /// <summary>Parses <paramref name="query"/>; null with <paramref name="error"/> set when no stream is asked for.</summary>
    public static RemoteCommandQuery? Parse(IQueryCollection query, out string error)
    {
        var tty = On(query, "tty");
        var parsed = new RemoteCommandQuery([.. query["command"].Select(c => c ?? "")], On(query, "input"), On(query, "output"),
            On(query, "error") && !tty, tty);
        error = parsed.Stdin || parsed.Stdout || parsed.Stderr ? "" : NoStreamMessage;
        return error.Length == 0 ? parsed : null;
    }

    private static bool On(IQueryCollection query, string name) => query[name].ToString() is "1" or "true";
}
