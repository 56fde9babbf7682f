namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>A SPDY/3 frame: a DATA frame or one of the control frames.</summary>
/// <param name="Flags">The frame's flag byte.</param>
public abstract record SpdyFrame(byte Flags)
{
    /// <summary>True when FLAG_FIN is set (for DATA, SYN_STREAM, SYN_REPLY and HEADERS).</summary>
    public bool IsFin => (Flags & SpdyFlags.Fin) != 0;
}
