using System.Globalization;
using System.Text.Json;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>One line of a watch stream.</summary>
public sealed record WatchEventLine(string Type, JsonElement Object)
{
    public JsonElement Metadata => Object.GetProperty("metadata");

    public string Name => Metadata.GetProperty("name").GetString()!;

    public long ResourceVersion => long.Parse(Metadata.GetProperty("resourceVersion").GetString()!, CultureInfo.InvariantCulture);

    public string Kind => Object.GetProperty("kind").GetString()!;

    public override string ToString() => $"{Type} {Object.GetRawText()}";
}
