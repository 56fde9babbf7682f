using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// A dotted path into a JSON object such as <c>status.podIPs.0.ip</c> (numeric steps index arrays),
/// pre-encoded so following it allocates nothing.
/// </summary>
internal sealed class JsonFieldPath
{
    private readonly byte[]?[] _names;
    private readonly int[] _indexes;

    /// <summary>Compiles <paramref name="path"/>.</summary>
    public JsonFieldPath(string path)
    {
        Text = path;
        var steps = path.Split('.');
        _names = new byte[]?[steps.Length];
        _indexes = new int[steps.Length];
        for (var i = 0; i < steps.Length; i++)
        {
            if (int.TryParse(steps[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                _indexes[i] = index;
            }
            else
            {
                _names[i] = Encoding.UTF8.GetBytes(steps[i]);
            }
        }
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Follows the path from <paramref name="root"/>; false when any step is missing.</summary>
    public bool TryResolve(JsonElement root, out JsonElement value)
    {
        value = root;
        for (var i = 0; i < _names.Length; i++)
        {
            if (_names[i] is { } name)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    return false;
                }
            }
            else if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() <= _indexes[i])
            {
                return false;
            }
            else
            {
                value = value[_indexes[i]];
            }
        }
        return true;
    }
}
