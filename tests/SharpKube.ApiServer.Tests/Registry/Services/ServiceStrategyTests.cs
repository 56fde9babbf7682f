using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Services;

namespace SharpKube.ApiServer.Tests.Registry.Services;

public sealed class ServiceStrategyTests
{
    private static FieldErrorList Create(JsonObject service)
    {
        ServiceStrategy.Instance.PrepareForCreate(service);
        var errors = new FieldErrorList();
        ServiceStrategy.Instance.Validate(service, errors);
        return errors;
    }

    [Fact]
    public void PrepareForCreate_ClusterIPService_GetsUpstreamDefaults()
    {
        var service = Json.Parse("""
            {"metadata":{"name":"web","namespace":"default"},
             "spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80},{"name":"named","port":8443,"targetPort":"https"}],"x-future":true}}
            """);

        Assert.Empty(Create(service));

        Json.Equal("""
            {"metadata":{"name":"web","namespace":"default"},
             "spec":{"selector":{"app":"web"},"x-future":true,
               "ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":80},{"name":"named","port":8443,"targetPort":"https","protocol":"TCP"}],
               "sessionAffinity":"None","type":"ClusterIP","internalTrafficPolicy":"Cluster",
               "ipFamilyPolicy":"SingleStack","ipFamilies":["IPv4"]},
             "status":{"loadBalancer":{}}}
            """, service);
    }

    [Fact]
    public void PrepareForCreate_LoadBalancer_GetsExternalPolicyAndNodePortAllocation()
    {
        var service = Json.Parse("""{"metadata":{"name":"lb","namespace":"default"},"spec":{"type":"LoadBalancer","ports":[{"port":443}]}}""");

        Create(service);

        Assert.Equal("Cluster", service["spec"]!["externalTrafficPolicy"]!.GetValue<string>());
        Assert.True(service["spec"]!["allocateLoadBalancerNodePorts"]!.GetValue<bool>());
    }

    [Fact]
    public void PrepareForCreate_ClientIPAffinity_GetsThreeHourTimeout()
    {
        var service = Json.Parse("""{"metadata":{"name":"s","namespace":"default"},"spec":{"sessionAffinity":"ClientIP","ports":[{"port":80}]}}""");

        Assert.Empty(Create(service));

        Json.Equal("""{"clientIP":{"timeoutSeconds":10800}}""", service["spec"]!["sessionAffinityConfig"]!);
    }

    [Fact]
    public void PrepareForCreate_ExternalName_HasNoAddressFamilies()
    {
        var service = Json.Parse("""{"metadata":{"name":"ext","namespace":"default"},"spec":{"type":"ExternalName","externalName":"example.com."}}""");

        Assert.Empty(Create(service));

        Assert.Null(service["spec"]!["ipFamilies"]);
        Assert.Null(service["spec"]!["internalTrafficPolicy"]);
    }

    [Fact]
    public void Validate_PortProblems_ReportUpstreamMessages()
    {
        var service = Json.Parse("""
            {"metadata":{"name":"s","namespace":"default"},
             "spec":{"type":"Cluster","clusterIP":"10.96.0.300","ports":[{"port":0},{"name":"b","port":80,"protocol":"HTTP"}]}}
            """);

        var errors = Create(service);

        Assert.Equal(
        [
            "spec.ports[0].name: Required value",
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            "spec.type: Unsupported value: \"Cluster\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
        ], Errors.Lines(errors));
    }

    [Fact]
    public void Validate_HeadlessServiceWithoutPorts_IsAccepted()
    {
        var service = Json.Parse("""{"metadata":{"name":"db","namespace":"default"},"spec":{"clusterIP":"None","selector":{"app":"db"}}}""");

        Assert.Empty(Create(service));
        Json.Equal("""["None"]""", service["spec"]!["clusterIPs"]!);
    }

    [Fact]
    public void Validate_ExternalNameWithoutName_IsRequired()
    {
        var errors = Create(Json.Parse("""{"metadata":{"name":"ext","namespace":"default"},"spec":{"type":"ExternalName"}}"""));

        Assert.Equal("spec.externalName: Required value", Assert.Single(errors).ToString());
    }

    [Fact]
    public void ValidateUpdate_ChangedClusterIP_MayNotChangeOnceSet()
    {
        var old = Json.Parse("""{"metadata":{"name":"web","namespace":"default"},"spec":{"clusterIP":"10.96.0.10","ports":[{"port":80}]}}""");
        Create(old);
        var updated = (JsonObject)old.DeepClone();
        updated["spec"]!["clusterIP"] = "10.96.0.20";
        updated["spec"]!["clusterIPs"] = new JsonArray("10.96.0.20");

        ServiceStrategy.Instance.PrepareForUpdate(updated, old);
        var errors = new FieldErrorList();
        ServiceStrategy.Instance.ValidateUpdate(updated, old, errors);

        Assert.Equal("Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.20\"}: may not change once set",
            StatusErrors.Invalid("", "Service", "web", errors).Message);
    }

    [Fact]
    public void PrepareForUpdate_ClientThatOmitsAllocatedValues_KeepsThem()
    {
        var old = Json.Parse("""
            {"metadata":{"name":"web","namespace":"default"},
             "spec":{"type":"NodePort","clusterIP":"10.96.0.10","ports":[{"name":"http","port":80,"nodePort":30080}]}}
            """);
        Create(old);
        var updated = Json.Parse("""{"metadata":{"name":"web","namespace":"default"},"spec":{"type":"NodePort","ports":[{"name":"http","port":80}]}}""");

        ServiceStrategy.Instance.PrepareForUpdate(updated, old);
        var errors = new FieldErrorList();
        ServiceStrategy.Instance.ValidateUpdate(updated, old, errors);

        Assert.Empty(errors);
        Assert.Equal("10.96.0.10", updated["spec"]!["clusterIP"]!.GetValue<string>());
        Assert.Equal(30080, updated["spec"]!["ports"]![0]!["nodePort"]!.GetValue<long>());
    }

    [Fact]
    public void PrepareForUpdate_SwitchToExternalName_DropsAllocatedAddresses()
    {
        var old = Json.Parse("""{"metadata":{"name":"web","namespace":"default"},"spec":{"clusterIP":"10.96.0.10","ports":[{"port":80}]}}""");
        Create(old);
        var updated = (JsonObject)old.DeepClone();
        updated["spec"]!["type"] = "ExternalName";
        updated["spec"]!["externalName"] = "example.com";

        ServiceStrategy.Instance.PrepareForUpdate(updated, old);
        var errors = new FieldErrorList();
        ServiceStrategy.Instance.ValidateUpdate(updated, old, errors);

        Assert.Empty(errors);
        Assert.Null(updated["spec"]!["clusterIP"]);
        Assert.Null(updated["spec"]!["ipFamilies"]);
        Assert.Null(updated["spec"]!["clusterIPs"]);
    }
}
