using System.Globalization;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints EndpointSlices: NAME, ADDRESSTYPE, PORTS, ENDPOINTS (up to three each, then
/// <c> + N more...</c>; <c>&lt;unset&gt;</c> when empty), AGE.
/// </summary>
public sealed class EndpointSliceTableConvertor : TableConvertor
{
    private const int MaxShown = 3;

    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("AddressType", "addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name."),
        StandardColumns.Text("Ports", "ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates \"all ports\". Each slice may include a maximum of 100 ports."),
        StandardColumns.Text("Endpoints", "endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints."),
        StandardColumns.Age,
    ];

    private EndpointSliceTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static EndpointSliceTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var ports = new ShortList(MaxShown);
        foreach (var port in obj.Field("ports").Items())
        {
            // A port without a number matches all ports ("*") unless it is named.
            ports.Add(port.Field("port").Int64OrNull() is { } number
                ? number.ToString(CultureInfo.InvariantCulture)
                : port.Field("name").TextOrNull() ?? "*");
        }
        var endpoints = new ShortList(MaxShown);
        foreach (var endpoint in obj.Field("endpoints").Items())
        {
            foreach (var address in endpoint.Field("addresses").Items())
            {
                endpoints.Add(address.Text());
            }
        }
        return [ObjectMetadata.Name(obj), obj.Field("addressType").Text(), OrUnset(ports), OrUnset(endpoints), ObjectMetadata.Age(obj, now)];
    }

    private static string OrUnset(ShortList list) => list.Format() is { Length: > 0 } text ? text : "<unset>";
}
