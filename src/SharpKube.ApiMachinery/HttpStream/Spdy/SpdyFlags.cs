namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>Frame flag bits of SPDY/3.</summary>
public static class SpdyFlags
{
    /// <summary>No flags.</summary>
    public const byte None = 0;

    /// <summary>FLAG_FIN: the sender's last frame on the stream (half-close).</summary>
    public const byte Fin = 0x01;

    /// <summary>FLAG_UNIDIRECTIONAL on SYN_STREAM: the recipient may not send on the stream.</summary>
    public const byte Unidirectional = 0x02;

    /// <summary>FLAG_SETTINGS_CLEAR_SETTINGS on SETTINGS.</summary>
    public const byte ClearSettings = 0x01;
}
