using System.Globalization;

namespace SharpKube.ApiMachinery.Discovery;

/// <summary>One media range of an Accept header: type, subtype, parameters and quality.</summary>
internal sealed class MediaRange
{
    private readonly Dictionary<string, string> _parameters;

    private MediaRange(string type, string subtype, Dictionary<string, string> parameters, double quality)
    {
        Type = type;
        Subtype = subtype;
        _parameters = parameters;
        Quality = quality;
    }

    /// <summary>The top-level type, e.g. <c>application</c>.</summary>
    public string Type { get; }

    /// <summary>The subtype, e.g. <c>json</c>.</summary>
    public string Subtype { get; }

    /// <summary>The <c>q</c> parameter, 1 when absent.</summary>
    public double Quality { get; }

    /// <summary>Parses one comma-separated element of an Accept header.</summary>
    public static MediaRange Parse(string text)
    {
        var parts = text.Split(';', StringSplitOptions.TrimEntries);
        var slash = parts[0].IndexOf('/', StringComparison.Ordinal);
        var type = slash < 0 ? parts[0] : parts[0][..slash].Trim();
        var subtype = slash < 0 ? "" : parts[0][(slash + 1)..].Trim();
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var quality = 1.0;
        foreach (var parameter in parts.Skip(1))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }
            var name = parameter[..equals].Trim();
            var value = parameter[(equals + 1)..].Trim().Trim('"');
            if (name.Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                quality = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : 0;
            }
            else
            {
                parameters[name] = value;
            }
        }
        return new MediaRange(type, subtype, parameters, quality);
    }

    /// <summary>True when the range's type and subtype are exactly these (case-insensitive).</summary>
    public bool Is(string type, string subtype) =>
        Type.Equals(type, StringComparison.OrdinalIgnoreCase) && Subtype.Equals(subtype, StringComparison.OrdinalIgnoreCase);

    /// <summary>The value of a parameter other than <c>q</c>, or null.</summary>
    public string? Parameter(string name) => _parameters.GetValueOrDefault(name);
}
