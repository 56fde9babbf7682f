using System.Globalization;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Upstream's way of keeping list cells short: the first few items joined, then
/// <c> + N more...</c> for the rest.
/// </summary>
internal sealed class ShortList(int max)
{
    private readonly List<string> _shown = [];

    /// <summary>How many items were offered, shown or not.</summary>
    public int Count { get; private set; }

    /// <summary>True once an item had to be left out.</summary>
    public bool HasMore { get; private set; }

    /// <summary>Offers an item: shown while there is room, otherwise only counted.</summary>
    public void Add(string item)
    {
        if (_shown.Count < max)
        {
            _shown.Add(item);
        }
        else
        {
            HasMore = true;
        }
        Count++;
    }

    /// <summary>The shown items joined by <paramref name="separator"/>, with the <c> + N more...</c> suffix when needed.</summary>
    public string Format(string separator = ",")
    {
        var text = string.Join(separator, _shown);
        return HasMore ? text + " + " + (Count - max).ToString(CultureInfo.InvariantCulture) + " more..." : text;
    }
}
