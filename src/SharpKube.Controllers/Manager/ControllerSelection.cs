namespace SharpKube.Controllers.Manager;

/// <summary>
/// Reads upstream's <c>--controllers</c> list: <c>*</c> turns on every controller, <c>name</c> turns one on and
/// <c>-name</c> turns one off (e.g. <c>*,-nodeipam</c>). An empty list means <c>*</c>.
/// </summary>
public static class ControllerSelection
{
    /// <summary>The names of the controllers the list selects.</summary>
    /// <exception cref="FormatException">An entry names no known controller.</exception>
    public static IReadOnlySet<string> Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var known = ControllerCatalog.All.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var list = entries.Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
        if (list.Count == 0)
        {
            list.Add("*");
        }
        var enabled = new HashSet<string>(StringComparer.Ordinal);
        var disabled = new HashSet<string>(StringComparer.Ordinal);
        var all = false;
        foreach (var entry in list)
        {
            if (entry == "*")
            {
                all = true;
                continue;
            }
            var off = entry.StartsWith('-');
            var name = off ? entry[1..] : entry;
            if (!known.Contains(name))
            {
                throw new FormatException(
                    $"--controllers: \"{name}\" is not a known controller (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
            }
            (off ? disabled : enabled).Add(name);
        }
        var selected = all ? known : enabled;
        selected.ExceptWith(disabled);
        return selected;
    }
}
