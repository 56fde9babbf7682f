using System.Globalization;
using System.Net;
using System.Text;

namespace SharpKube.Proxy.Nftables;

/// <summary>
/// How set and map elements are spelled in an <c>nft -f</c> script of the table <paramref name="table"/>: one command per
/// set or map, its elements comma-separated, however many there are.
/// </summary>
internal sealed class ElementScript(string table)
{
    /// <summary>Declares the affinity sets: timed sets of client addresses.</summary>
    public static void AppendSetDeclarations(StringBuilder script, Dictionary<string, int> sets)
    {
        foreach (var (set, timeout) in sets)
        {
            script.Append("set ").Append(set).Append(" { type ipv4_addr; flags dynamic,timeout; timeout ")
                .Append(timeout.ToString(CultureInfo.InvariantCulture)).Append("s; }\n");
        }
    }

    /// <summary>Writes one <c>add element</c> (or <c>delete element</c>) command per map that has elements.</summary>
    public void AppendElements(StringBuilder script, string verb, IEnumerable<MapElement> elements, bool keysOnly)
    {
        var byMap = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            if (!byMap.TryGetValue(element.Map, out var text))
            {
                text = new StringBuilder(4096);
                byMap.Add(element.Map, text);
            }
            else
            {
                text.Append(", ");
            }

            text.Append(element.Key);
            if (!keysOnly)
            {
                text.Append(" : ").Append(element.Verdict);
            }
        }

        foreach (var (map, text) in byMap)
        {
            script.Append(verb).Append(" element ").Append(table).Append(' ').Append(map).Append(" { ").Append(text).Append(" }\n");
        }
    }

    /// <summary>Adds every endpoint of <paramref name="programs"/> to the hairpin set, as an address pair.</summary>
    public void AppendHairpinEndpoints(StringBuilder script, IEnumerable<ServicePortProgram> programs)
    {
        var any = false;
        foreach (var program in programs)
        {
            foreach (var address in program.EndpointAddresses)
            {
                script.Append(any ? ", " : "add element " + table + " hairpin-endpoints { ").Append(address).Append(" . ").Append(address);
                any = true;
            }
        }

        if (any)
        {
            script.Append(" }\n");
        }
    }

    /// <summary>Adds <paramref name="addresses"/> to <paramref name="set"/> in one command (none when empty).</summary>
    public void AppendSetElements(StringBuilder script, string set, HashSet<IPAddress> addresses)
    {
        if (addresses.Count == 0)
        {
            return;
        }

        script.Append("add element ").Append(table).Append(' ').Append(set).Append(" { ");
        var first = true;
        foreach (var address in addresses)
        {
            script.Append(first ? "" : ", ").Append(address);
            first = false;
        }

        script.Append(" }\n");
    }
}
