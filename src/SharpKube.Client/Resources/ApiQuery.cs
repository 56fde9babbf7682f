using System.Text;

namespace SharpKube.Client.Resources;

/// <summary>Builds a URL query string from the parameters that are set.</summary>
internal sealed class ApiQuery
{
    private readonly StringBuilder _query = new();

    /// <summary>Adds <c>name=value</c> when the value is neither null nor empty.</summary>
    public ApiQuery Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _query.Append(_query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
        return this;
    }

    /// <summary>Adds <c>name=value</c> when the value is set and positive.</summary>
    public ApiQuery Add(string name, int? value) =>
        value is > 0 ? Add(name, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) : this;

    /// <summary>Adds <c>name=true</c> when the flag is set.</summary>
    public ApiQuery Add(string name, bool flag) => flag ? Add(name, "true") : this;

    /// <summary>The query, starting with <c>?</c>, or empty.</summary>
    public override string ToString() => _query.ToString();
}
