using System.Globalization;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints Ingresses: NAME, CLASS, HOSTS (up to three, <c>*</c> when none), ADDRESS (load balancer
/// addresses), PORTS (<c>80</c>, or <c>80, 443</c> with TLS), AGE.
/// </summary>
public sealed class IngressTableConvertor : TableConvertor
{
    private const int MaxHosts = 3;

    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Class", "The name of the IngressClass resource that should be used for additional configuration"),
        StandardColumns.Text("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
        StandardColumns.Text("Address", "Address is a list containing ingress points for the load-balancer"),
        StandardColumns.Text("Ports", "Ports of TLS configurations that open"),
        StandardColumns.Age,
    ];

    private IngressTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static IngressTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        return
        [
            ObjectMetadata.Name(obj),
            spec.Field("ingressClassName").TextOrNull() ?? "<none>",
            Hosts(spec.Field("rules")),
            string.Join(",", LoadBalancerIngress.Addresses(obj.At("status", "loadBalancer"))),
            spec.Field("tls").Count() > 0 ? "80, 443" : "80",
            ObjectMetadata.Age(obj, now),
        ];
    }

    private static string Hosts(JsonElement rules)
    {
        // Upstream stops collecting after three hosts but counts every rule, hosts or not, in "more".
        var hosts = new List<string>();
        var more = false;
        foreach (var rule in rules.Items())
        {
            if (hosts.Count == MaxHosts)
            {
                more = true;
            }
            if (!more && rule.Field("host").Text() is { Length: > 0 } host)
            {
                hosts.Add(host);
            }
        }
        if (hosts.Count == 0)
        {
            return "*";
        }
        var text = string.Join(",", hosts);
        return more ? text + " + " + (rules.Count() - MaxHosts).ToString(CultureInfo.InvariantCulture) + " more..." : text;
    }
}
