using SharpKube.ApiMachinery.Tables.Printers;
using static SharpKube.ApiMachinery.Tests.Tables.TableFixture;

namespace SharpKube.ApiMachinery.Tests.Tables;

public sealed class NetworkTableConvertorTests
{
    [Fact]
    public void ClusterIPService_ShowsPortsAndSelector() =>
        AssertRow(ServiceTableConvertor.Instance, """
            {"metadata":{"name":"web","creationTimestamp":"@-40m"},
             "spec":{"type":"ClusterIP","clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],
                     "ports":[{"port":80,"protocol":"TCP","targetPort":8080},{"port":53,"protocol":"UDP"}],"selector":{"app":"web"}}}
            """,
            "web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,53/UDP", "40m", "app=web");

    [Fact]
    public void HeadlessService_ShowsNoneAsClusterIP_AndNoneSelector() =>
        AssertRow(ServiceTableConvertor.Instance, """
            {"metadata":{"name":"db"},"spec":{"type":"ClusterIP","clusterIP":"None","clusterIPs":["None"]}}
            """,
            "db", "ClusterIP", "None", "<none>", "<none>", "<unknown>", "<none>");

    [Fact]
    public void NodePortService_ShowsNodePortsAndExternalIPs()
    {
        var cells = Cells(ServiceTableConvertor.Instance, """
            {"spec":{"type":"NodePort","clusterIPs":["10.96.1.1"],"externalIPs":["1.2.3.4","5.6.7.8"],
                     "ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":443,"nodePort":30443,"protocol":"TCP"}]}}
            """);
        Assert.Equal("1.2.3.4,5.6.7.8 | 80:30080/TCP,443:30443/TCP", Pick(cells, "External-IP", "Port(s)"));
    }

    [Theory]
    [InlineData("{}", "", "<pending>")]
    [InlineData("""{"ingress":[{"ip":"203.0.113.9"},{"hostname":"lb.example.com"},{"ip":"198.51.100.1","hostname":"x"}]}""", "", "198.51.100.1,203.0.113.9,lb.example.com")]
    [InlineData("""{"ingress":[{"ip":"203.0.113.9"}]}""", "\"externalIPs\":[\"1.2.3.4\"],", "203.0.113.9,1.2.3.4")]
    [InlineData("{}", "\"externalIPs\":[\"1.2.3.4\"],", "1.2.3.4")]
    public void LoadBalancerService_ShowsIngressOrPending(string loadBalancer, string externalIPs, string expected) =>
        Assert.Equal(expected, Cells(ServiceTableConvertor.Instance, """
            {"spec":{EXTERNAL"type":"LoadBalancer","ports":[{"port":443,"nodePort":31443,"protocol":"TCP"}]},"status":{"loadBalancer":LB}}
            """.Replace("EXTERNAL", externalIPs, StringComparison.Ordinal).Replace("LB", loadBalancer, StringComparison.Ordinal))["External-IP"]);

    [Fact]
    public void ExternalNameService_ShowsTheExternalName() =>
        AssertRow(ServiceTableConvertor.Instance, """{"metadata":{"name":"ext"},"spec":{"type":"ExternalName","externalName":"db.example.com"}}""",
            "ext", "ExternalName", "<none>", "db.example.com", "<none>", "<unknown>", "<none>");

    [Fact]
    public void ServiceWithoutType_HasAnUnknownExternalIP() =>
        Assert.Equal("<unknown>", Cells(ServiceTableConvertor.Instance, "{}")["External-IP"]);

    [Fact]
    public void Endpoints_ShowUpToThreeAddressesThenMore()
    {
        AssertRow(EndpointsTableConvertor.Instance, """
            {"metadata":{"name":"web"},"subsets":[
               {"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"name":"http","port":80},{"name":"metrics","port":9090}]},
               {"addresses":[{"ip":"fd00::5"}],"ports":[{"port":80}]}]}
            """,
            "web", "10.0.0.1:80,10.0.0.2:80,10.0.0.1:9090 + 2 more...", "<unknown>");
        Assert.Equal("[fd00::5]:80", Cells(EndpointsTableConvertor.Instance, """{"subsets":[{"addresses":[{"ip":"fd00::5"}],"ports":[{"port":80}]}]}""")["Endpoints"]);
    }

    [Fact]
    public void Endpoints_WithoutPorts_ShowAddresses_AndWithoutSubsets_None()
    {
        Assert.Equal("10.0.0.1,10.0.0.2", Cells(EndpointsTableConvertor.Instance, """{"subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}]}]}""")["Endpoints"]);
        Assert.Equal("<none>", Cells(EndpointsTableConvertor.Instance, """{"subsets":[]}""")["Endpoints"]);
        Assert.Equal("", Cells(EndpointsTableConvertor.Instance, """{"subsets":[{"notReadyAddresses":[{"ip":"10.0.0.1"}],"ports":[{"port":80}]}]}""")["Endpoints"]);
    }

    [Fact]
    public void EndpointSlice_ShowsPortsAndAddresses() =>
        AssertRow(EndpointSliceTableConvertor.Instance, """
            {"metadata":{"name":"web-abc12","creationTimestamp":"@-90s"},"addressType":"IPv4",
             "ports":[{"name":"http","port":80,"protocol":"TCP"},{"name":"named"},{}],
             "endpoints":[{"addresses":["10.0.0.1"]},{"addresses":["10.0.0.2","10.0.0.3","10.0.0.4"]}]}
            """,
            "web-abc12", "IPv4", "80,named,*", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "90s");

    [Fact]
    public void EmptyEndpointSlice_ShowsUnset() =>
        AssertRow(EndpointSliceTableConvertor.Instance, """{"metadata":{"name":"e"},"addressType":"IPv6"}""",
            "e", "IPv6", "<unset>", "<unset>", "<unknown>");

    [Fact]
    public void Ingress_ShowsClassHostsAddressAndPorts() =>
        AssertRow(IngressTableConvertor.Instance, """
            {"metadata":{"name":"web","creationTimestamp":"@-1h"},
             "spec":{"ingressClassName":"nginx","tls":[{"hosts":["a.example.com"]}],
                     "rules":[{"host":"a.example.com"},{"host":"b.example.com"}]},
             "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.5"},{"hostname":"lb.example.com"}]}}}
            """,
            "web", "nginx", "a.example.com,b.example.com", "203.0.113.5,lb.example.com", "80, 443", "60m");

    [Fact]
    public void Ingress_WithoutHostsOrClass_ShowsStarAndNone() =>
        AssertRow(IngressTableConvertor.Instance, """{"metadata":{"name":"i"},"spec":{"rules":[{"http":{}}]}}""",
            "i", "<none>", "*", "", "80", "<unknown>");

    [Fact]
    public void Ingress_WithManyRules_CountsEveryRuleBeyondThree() =>
        Assert.Equal("a,b,c + 2 more...", Cells(IngressTableConvertor.Instance, """
            {"spec":{"rules":[{"host":"a"},{"host":"b"},{"host":"c"},{"host":"d"},{}]}}
            """)["Hosts"]);

    [Fact]
    public void IngressClass_ShowsParameters()
    {
        AssertRow(IngressClassTableConvertor.Instance, """
            {"metadata":{"name":"nginx"},"spec":{"controller":"k8s.io/ingress-nginx",
             "parameters":{"apiGroup":"k8s.example.com","kind":"IngressParameters","name":"external-lb"}}}
            """,
            "nginx", "k8s.io/ingress-nginx", "IngressParameters.k8s.example.com/external-lb", "<unknown>");
        Assert.Equal("<none>", Cells(IngressClassTableConvertor.Instance, "{}")["Parameters"]);
        Assert.Equal("ConfigMap/p", Cells(IngressClassTableConvertor.Instance, """{"spec":{"parameters":{"kind":"ConfigMap","name":"p"}}}""")["Parameters"]);
    }

    [Fact]
    public void NetworkPolicy_ShowsItsPodSelector()
    {
        Assert.Equal("role=db", Cells(NetworkPolicyTableConvertor.Instance, """{"spec":{"podSelector":{"matchLabels":{"role":"db"}}}}""")["Pod-Selector"]);
        Assert.Equal("<none>", Cells(NetworkPolicyTableConvertor.Instance, """{"spec":{"podSelector":{}}}""")["Pod-Selector"]);
    }

    [Fact]
    public void Node_ShowsReadyRolesAgeVersionAndWideDetails() =>
        AssertRow(NodeTableConvertor.Instance, """
            {"metadata":{"name":"node-1","creationTimestamp":"@-9d",
                         "labels":{"node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/":"x","kubernetes.io/role":"master","kubernetes.io/hostname":"node-1"}},
             "spec":{},
             "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],
                       "addresses":[{"type":"Hostname","address":"node-1"},{"type":"InternalIP","address":"192.168.1.10"},{"type":"InternalIP","address":"fd00::10"}],
                       "nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Debian GNU/Linux 12 (bookworm)","kernelVersion":"6.1.0-18-amd64","containerRuntimeVersion":"containerd://1.7.13"}}}
            """,
            "node-1", "Ready", "control-plane,master", "9d", "v1.32.0", "192.168.1.10", "<none>",
            "Debian GNU/Linux 12 (bookworm)", "6.1.0-18-amd64", "containerd://1.7.13");

    [Theory]
    [InlineData("""[{"type":"Ready","status":"False"}]""", "false", "NotReady")]
    [InlineData("""[{"type":"Ready","status":"Unknown"}]""", "false", "NotReady")]
    [InlineData("""[]""", "false", "Unknown")]
    [InlineData("""[{"type":"Ready","status":"True"}]""", "true", "Ready,SchedulingDisabled")]
    [InlineData("""[]""", "true", "Unknown,SchedulingDisabled")]
    public void Node_Status(string conditions, string unschedulable, string expected) =>
        Assert.Equal(expected, Cells(NodeTableConvertor.Instance, """{"spec":{"unschedulable":FLAG},"status":{"conditions":CONDITIONS}}"""
            .Replace("FLAG", unschedulable, StringComparison.Ordinal).Replace("CONDITIONS", conditions, StringComparison.Ordinal))["Status"]);

    [Fact]
    public void BareNode_ShowsNonesAndUnknowns() =>
        AssertRow(NodeTableConvertor.Instance, """{"metadata":{"name":"n"}}""",
            "n", "Unknown", "<none>", "<unknown>", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>");
}
