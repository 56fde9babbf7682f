using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Protobuf;

namespace SharpKube.ApiMachinery.Tests.Protobuf;

public sealed class ProtobufObjectDecoderTests
{
    private static JsonObject Decode(string apiVersion, string kind, ProtoWriter raw) =>
        ProtobufObjectDecoder.Decode(ProtoWriter.Envelope(apiVersion, kind, raw.ToArray()));

    private static byte[] Deployment(int replicas) => new ProtoWriter()
        .Message(1, ProtoWriter.Meta("web", "default", ("app", "web")))
        .Message(2, spec => spec
            .Varint(1, replicas)
            .Message(2, sel => sel.MapEntry(1, "app", "web"))
            .Message(3, tpl => tpl
                .Message(1, ProtoWriter.Meta("", "", ("app", "web")))
                .Message(2, pod => pod
                    .Message(2, c => c
                        .String(1, "nginx").String(2, "nginx:1.27").String(5, "")
                        .Message(6, p => p.String(1, "http").Varint(2, 0).Varint(3, 80).String(4, "TCP").String(5, ""))
                        .Message(7, e => e.String(1, "MODE").String(2, "fast"))
                        .Message(7, e => e.String(1, "POD").String(2, "")
                            .Message(3, src => src.Message(1, f => f.String(1, "v1").String(2, "metadata.name"))))
                        .Message(8, r => r
                            .Message(1, l => l.String(1, "memory").Quantity(2, "128Mi"))
                            .Message(2, q => q.String(1, "cpu").Quantity(2, "250m")))
                        .Message(9, m => m.String(1, "data").Bool(2, false).String(3, "/data").String(4, ""))
                        .Message(10, probe => probe
                            .Message(1, h => h.Message(2, g => g.String(1, "/healthz")
                                .Message(2, port => port.Varint(1, 1).Varint(2, 0).String(3, "http")).String(3, "").String(4, "")))
                            .Varint(2, 5).Varint(3, 0))
                        .Message(15, sc => sc.Bool(6, false).Message(1, cap => cap.String(2, "ALL")))
                        .Bool(16, false).Bool(18, false))
                    .Message(1, v => v.String(1, "data").Message(2, src => src.Message(2, ed => ed.String(1, ""))))
                    .Message(1, v => v.String(1, "cfg").Message(2, src => src.Message(19, cm => cm.Message(1, r => r.String(1, "settings")))))
                    .String(3, "").Bool(11, false)))
            .Message(4, st => st.String(1, "RollingUpdate")
                .Message(2, ru => ru.Message(1, u => u.Varint(1, 1).Varint(2, 0).String(3, "25%"))))
            .Varint(5, 0).Bool(7, false))
        .Message(3, status => status.Varint(1, 0))
        .ToArray();

    [Fact]
    public void Deployment_DecodesToTheJsonKubectl130Sends()
    {
        var obj = ProtobufObjectDecoder.Decode(ProtoWriter.Envelope("apps/v1", "Deployment", Deployment(3)));

        var expected = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
              "template":{"metadata":{"labels":{"app":"web"}},"spec":{
               "containers":[{"name":"nginx","image":"nginx:1.27",
                "ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],
                "env":[{"name":"MODE","value":"fast"},{"name":"POD","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}}],
                "resources":{"limits":{"memory":"128Mi"},"requests":{"cpu":"250m"}},
                "volumeMounts":[{"name":"data","mountPath":"/data"}],
                "livenessProbe":{"httpGet":{"path":"/healthz","port":"http"},"initialDelaySeconds":5},
                "securityContext":{"readOnlyRootFilesystem":false,"capabilities":{"drop":["ALL"]}}}],
               "volumes":[{"name":"data","emptyDir":{}},{"name":"cfg","configMap":{"name":"settings"}}]}},
              "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%"}}}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, obj), obj.ToJsonString());
    }

    [Fact]
    public void Deployment_WithZeroReplicas_KeepsThePointerZero()
    {
        var obj = ProtobufObjectDecoder.Decode(ProtoWriter.Envelope("apps/v1", "Deployment", Deployment(0)));

        Assert.Equal(0, obj["spec"]!["replicas"]!.GetValue<int>());
        Assert.Null(obj["spec"]!["minReadySeconds"]);
        Assert.Null(obj["status"]);
    }

    [Fact]
    public void ConfigMap_DecodesMapsAndDropsGoZeroValues()
    {
        var obj = Decode("v1", "ConfigMap", new ProtoWriter()
            .Message(1, ProtoWriter.Meta("settings", "team-a"))
            .MapEntry(2, "mode", "fast").MapEntry(2, "empty", "")
            .Message(3, e => e.String(1, "blob").Bytes(2, [0xFF, 0x00])));

        Assert.Equal("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"team-a"},"data":{"mode":"fast","empty":""},"binaryData":{"blob":"/wA="}}""",
            obj.ToJsonString());
    }

    [Fact]
    public void Secret_DataIsBase64()
    {
        var obj = Decode("v1", "Secret", new ProtoWriter()
            .Message(1, ProtoWriter.Meta("creds"))
            .Message(2, e => e.String(1, "password").String(2, "hunter2"))
            .String(3, "Opaque"));

        Assert.Equal("aHVudGVyMg==", obj["data"]!["password"]!.GetValue<string>());
        Assert.Equal("Opaque", obj["type"]!.GetValue<string>());
    }

    [Fact]
    public void Service_TargetPortIntOrString()
    {
        var obj = Decode("v1", "Service", new ProtoWriter()
            .Message(1, ProtoWriter.Meta("web"))
            .Message(2, spec => spec
                .Message(1, p => p.String(1, "80-8080").String(2, "TCP").Varint(3, 80)
                    .Message(4, t => t.Varint(1, 0).Varint(2, 8080).String(3, "")).Varint(5, 0))
                .MapEntry(2, "app", "web").String(3, "").String(4, "ClusterIP")));

        Assert.Equal("""{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"web"},"type":"ClusterIP"}""",
            obj["spec"]!.ToJsonString());
    }

    [Fact]
    public void UnknownFields_AreSkipped()
    {
        var obj = Decode("v1", "Namespace", new ProtoWriter()
            .Message(1, ProtoWriter.Meta("team-a"))
            .Fixed64(99, 42).Varint(100, 7).String(101, "future")
            .Message(2, spec => spec.String(1, "kubernetes").Message(50, _ => { })));

        Assert.Equal("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"},"spec":{"finalizers":["kubernetes"]}}""",
            obj.ToJsonString());
    }

    [Fact]
    public void TruncatedBody_IsAFormatException()
    {
        var body = ProtoWriter.Envelope("apps/v1", "Deployment", Deployment(1));
        var raw = ProtoEnvelope.Unwrap(body).Raw;

        var e = Assert.Throws<FormatException>(() => ProtobufObjectDecoder.DecodeRaw(raw.Span[..(raw.Length - 7)], "apps/v1", "Deployment"));

        Assert.Contains("unexpected end", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongWireType_IsAFormatException()
    {
        var raw = new ProtoWriter().Message(2, spec => spec.String(1, "three")).ToArray();

        Assert.Throws<FormatException>(() => ProtobufObjectDecoder.DecodeRaw(raw, "apps/v1", "Deployment"));
    }

    [Fact]
    public void Garbage_IsAFormatException()
    {
        byte[] raw = [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];

        Assert.Throws<FormatException>(() => ProtobufObjectDecoder.DecodeRaw(raw, "v1", "ConfigMap"));
    }

    [Fact]
    public void UnknownKind_IsNotSupported()
    {
        Assert.False(ProtobufObjectDecoder.CanDecode("example.com/v1", "Widget"));
        Assert.Throws<NotSupportedException>(() => ProtobufObjectDecoder.DecodeRaw([], "example.com/v1", "Widget"));
    }

    [Fact]
    public void DeleteOptions_KeepsPointerZeroes()
    {
        var body = ProtoWriter.Envelope("v1", "DeleteOptions", new ProtoWriter()
            .Varint(1, 0).Message(2, p => p.String(1, "abc")).String(4, "Foreground").String(5, "All").ToArray());

        var obj = ProtobufObjectDecoder.DecodeDeleteOptions(body);

        Assert.Equal("""{"gracePeriodSeconds":0,"preconditions":{"uid":"abc"},"propagationPolicy":"Foreground","dryRun":["All"]}""",
            obj.ToJsonString());
    }

    [Fact]
    public void Schema_EveryReferencedMessageIsDefined()
    {
        Assert.Empty(ProtoSchema.Default.UnresolvedReferences());
    }
}
