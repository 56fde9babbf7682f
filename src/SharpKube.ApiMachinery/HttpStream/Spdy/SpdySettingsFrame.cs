namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>SETTINGS: id/value pairs (24-bit ids with 8-bit flags each).</summary>
/// <param name="Settings">The entries.</param>
/// <param name="Flags">FLAG_SETTINGS_CLEAR_SETTINGS or none.</param>
public sealed record SpdySettingsFrame(IReadOnlyList<SpdySetting> Settings, byte Flags = SpdyFlags.None) : SpdyFrame(Flags)
{
    /// <summary>SETTINGS_INITIAL_WINDOW_SIZE: the sender's initial receive window for new streams.</summary>
    public const int InitialWindowSizeId = 7;

    /// <summary>SETTINGS_MAX_CONCURRENT_STREAMS.</summary>
    public const int MaxConcurrentStreamsId = 4;
}
