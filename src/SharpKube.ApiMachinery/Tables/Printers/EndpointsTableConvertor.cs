using System.Globalization;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints Endpoints: NAME, ENDPOINTS (up to three <c>ip:port</c> pairs, then <c> + N more...</c>), AGE.
/// </summary>
public sealed class EndpointsTableConvertor : TableConvertor
{
    private const int MaxShown = 3;

    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Endpoints", "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service."),
        StandardColumns.Age,
    ];

    private EndpointsTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static EndpointsTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now) =>
        [ObjectMetadata.Name(obj), Format(obj.Field("subsets")), ObjectMetadata.Age(obj, now)];

    private static string Format(JsonElement subsets)
    {
        if (subsets.Count() == 0)
        {
            return "<none>";
        }
        var list = new ShortList(MaxShown);
        foreach (var subset in subsets.Items())
        {
            var addresses = subset.Field("addresses").Items().Select(a => a.Field("ip").Text()).ToList();
            if (subset.Field("ports").Count() == 0)
            {
                // Headless services may have no ports: the addresses alone.
                addresses.ForEach(list.Add);
                continue;
            }
            foreach (var port in subset.Field("ports").Items())
            {
                var number = port.Field("port").Int64().ToString(CultureInfo.InvariantCulture);
                addresses.ForEach(ip => list.Add(JoinHostPort(ip, number)));
            }
        }
        return list.Format();
    }

    private static string JoinHostPort(string host, string port) =>
        host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]:" + port : host + ":" + port;
}
