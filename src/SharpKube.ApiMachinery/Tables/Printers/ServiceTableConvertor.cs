using System.Globalization;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints Services: NAME, TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S), AGE and, wide, SELECTOR.
/// </summary>
public sealed class ServiceTableConvertor : TableConvertor
{
    private const string None = "<none>";

    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Type", "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. \"ClusterIP\" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is \"None\", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. \"NodePort\" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. \"LoadBalancer\" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. \"ExternalName\" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types"),
        StandardColumns.Text("Cluster-IP", "clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are \"None\", empty string (\"\"), or a valid IP address. Setting this to \"None\" makes a \"headless service\" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
        StandardColumns.Text("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system."),
        StandardColumns.Text("Port(s)", "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
        StandardColumns.Age,
        StandardColumns.Text("Selector", "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/", 1),
    ];

    private ServiceTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static ServiceTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var ports = Ports(spec.Field("ports"));
        return
        [
            ObjectMetadata.Name(obj),
            spec.Field("type").Text(),
            ClusterIP(spec),
            ExternalIP(spec, obj.At("status", "loadBalancer")),
            ports.Length == 0 ? None : ports,
            ObjectMetadata.Age(obj, now),
            LabelSetText.Format(spec.Field("selector")),
        ];
    }

    // The first of clusterIPs; a service written with only the legacy clusterIP field converts to the same.
    private static string ClusterIP(JsonElement spec)
    {
        var address = spec.Field("clusterIPs").Count() > 0
            ? spec.Field("clusterIPs").Item(0).Text()
            : spec.Field("clusterIP").Text();
        return spec.Field("clusterIPs").Count() == 0 && address.Length == 0 ? None : address;
    }

    private static string ExternalIP(JsonElement spec, JsonElement loadBalancer)
    {
        var externalIPs = spec.Field("externalIPs").Items().Select(ip => ip.Text()).ToList();
        switch (spec.Field("type").Text())
        {
            case "ClusterIP":
            case "NodePort":
                return externalIPs.Count > 0 ? string.Join(",", externalIPs) : None;
            case "LoadBalancer":
                var ingress = LoadBalancerIngress.Addresses(loadBalancer);
                if (externalIPs.Count > 0)
                {
                    return string.Join(",", ingress.Concat(externalIPs));
                }
                return ingress.Count > 0 ? string.Join(",", ingress) : "<pending>";
            case "ExternalName":
                return spec.Field("externalName").Text();
            default:
                return "<unknown>";
        }
    }

    private static string Ports(JsonElement ports) => string.Join(",", ports.Items().Select(port =>
    {
        var number = port.Field("port").Int64().ToString(CultureInfo.InvariantCulture);
        var nodePort = port.Field("nodePort").Int64();
        var protocol = port.Field("protocol").Text();
        return nodePort > 0
            ? number + ":" + nodePort.ToString(CultureInfo.InvariantCulture) + "/" + protocol
            : number + "/" + protocol;
    }));
}
