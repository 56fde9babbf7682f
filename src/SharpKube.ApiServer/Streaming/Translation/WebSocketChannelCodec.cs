using System.Net.WebSockets;
using System.Text;

namespace SharpKube.ApiServer.Streaming.Translation;

/// <summary>
/// The channel framing of exec/attach WebSockets: each message is <c>[channel byte][payload]</c> in binary
/// protocols, or an ASCII channel digit followed by base64 payload in text messages for
/// <c>base64.channel.k8s.io</c>. Channels: 0 stdin, 1 stdout, 2 stderr, 3 error, 4 resize, 255 close (v5).
/// </summary>
public sealed class WebSocketChannelCodec
{
    /// <summary>stdin, client to server.</summary>
    public const byte Stdin = 0;

    /// <summary>stdout, server to client.</summary>
    public const byte Stdout = 1;

    /// <summary>stderr, server to client.</summary>
    public const byte Stderr = 2;

    /// <summary>The error/status channel, server to client.</summary>
    public const byte Error = 3;

    /// <summary>Terminal resize events (JSON), client to server.</summary>
    public const byte Resize = 4;

    /// <summary>v5: the payload names a channel the sender has closed.</summary>
    public const byte Close = 255;

    private WebSocketChannelCodec(bool base64)
    {
        IsBase64 = base64;
    }

    /// <summary>True for the text/base64 framing.</summary>
    public bool IsBase64 { get; }

    /// <summary>The codec for a negotiated protocol (the empty protocol means the original binary framing).</summary>
    public static WebSocketChannelCodec For(string protocol) => new(protocol == StreamProtocols.Base64Channel);

    /// <summary>The message carrying <paramref name="payload"/> on <paramref name="channel"/>.</summary>
    public (byte[] Message, WebSocketMessageType Type) Encode(byte channel, ReadOnlySpan<byte> payload)
    {
        if (IsBase64)
        {
            var text = (char)('0' + channel) + Convert.ToBase64String(payload);
            return (Encoding.ASCII.GetBytes(text), WebSocketMessageType.Text);
        }

        var message = new byte[payload.Length + 1];
        message[0] = channel;
        payload.CopyTo(message.AsSpan(1));
        return (message, WebSocketMessageType.Binary);
    }

    /// <summary>Splits a received message; false for an empty or undecodable one (which is ignored).</summary>
    public bool TryDecode(ReadOnlySpan<byte> message, WebSocketMessageType type, out byte channel, out byte[] payload)
    {
        channel = 0;
        payload = [];
        if (message.IsEmpty)
        {
            return false;
        }

        if (!IsBase64)
        {
            channel = message[0];
            payload = message[1..].ToArray();
            return type == WebSocketMessageType.Binary;
        }

        var digit = message[0] - '0';
        if (type != WebSocketMessageType.Text || digit is < 0 or > 9)
        {
            return false;
        }

        channel = (byte)digit;
        try
        {
            payload = Convert.FromBase64String(Encoding.ASCII.GetString(message[1..]));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
