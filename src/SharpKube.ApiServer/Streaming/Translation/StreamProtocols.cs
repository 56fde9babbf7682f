namespace SharpKube.ApiServer.Streaming.Translation;

/// <summary>
/// The WebSocket sub-protocols of exec and attach, and how one is chosen: the first protocol the client offers
/// (Sec-WebSocket-Protocol, in its order) that the server supports; a client that offers none gets the original
/// <c>channel.k8s.io</c> framing and no protocol header in the reply.
/// </summary>
public static class StreamProtocols
{
    /// <summary>kubectl 1.30+: binary channel frames plus channel 255 to close one channel (stdin half-close).</summary>
    public const string V5 = "v5.channel.k8s.io";

    /// <summary>Binary channel frames; the error channel carries a Status JSON with the exit code.</summary>
    public const string V4 = "v4.channel.k8s.io";

    /// <summary>The original binary channel framing; the error channel carries plain text.</summary>
    public const string Channel = "channel.k8s.io";

    /// <summary>Text frames: an ASCII channel digit and base64 data; the error channel carries plain text.</summary>
    public const string Base64Channel = "base64.channel.k8s.io";

    /// <summary>The protocol spoken to the kubelet over SPDY by the translator.</summary>
    public const string KubeletSpdy = V4;

    /// <summary>The supported protocols, newest first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [V5, V4, Channel, Base64Channel];

    /// <summary>
    /// Chooses from the client's offer (header values, each possibly a comma-separated list). Returns the protocol,
    /// the empty string when the client offered none, or null when it offered only unsupported ones.
    /// </summary>
    public static string? Negotiate(IEnumerable<string?> offered)
    {
        var protocols = offered
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        if (protocols.Count == 0)
        {
            return "";
        }

        return protocols.FirstOrDefault(protocol => Supported.Contains(protocol, StringComparer.Ordinal));
    }

    /// <summary>True when the error channel carries a Status JSON (v4, v5) rather than plain text.</summary>
    public static bool HasStatusErrors(string protocol) => protocol is V4 or V5;
}
