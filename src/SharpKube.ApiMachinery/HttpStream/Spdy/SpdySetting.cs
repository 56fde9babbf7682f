namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>One SETTINGS entry.</summary>
/// <param name="Id">The 24-bit setting id.</param>
/// <param name="Value">The value.</param>
/// <param name="Flags">FLAG_SETTINGS_PERSIST_VALUE (1) / FLAG_SETTINGS_PERSISTED (2) or none.</param>
public sealed record SpdySetting(int Id, uint Value, byte Flags = 0);
