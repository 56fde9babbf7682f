using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Protobuf;

namespace SharpKube.ApiMachinery.Tests.Protobuf;

public sealed class ProtobufKindTests
{
    private static JsonObject Decode(string apiVersion, string kind, ProtoWriter raw) =>
        ProtobufObjectDecoder.Decode(ProtoWriter.Envelope(apiVersion, kind, raw.ToArray()));

    [Fact]
    public void CertificateSigningRequest_WithConditionsAndExtra_Decodes()
    {
        var obj = Decode("certificates.k8s.io/v1", "CertificateSigningRequest", new ProtoWriter()
            .Message(1, ProtoWriter.Meta("node-csr"))
            .Message(2, spec => spec.Bytes(1, [1, 2, 3]).String(2, "client auth").String(3, "alice")
                .Message(6, e => e.String(1, "scopes").Message(2, v => v.String(1, "a").String(1, "b")))
                .String(7, "kubernetes.io/kube-apiserver-client"))
            .Message(3, status => status.Message(1, c => c.String(1, "Approved").String(2, "KubectlApprove")
                .String(3, "approved").Message(4, t => t.Varint(1, 1_700_000_000)).Message(5, _ => { }).String(6, "True"))));

        Assert.Equal("""{"request":"AQID","usages":["client auth"],"username":"alice","extra":{"scopes":["a","b"]},"signerName":"kubernetes.io/kube-apiserver-client"}""",
            obj["spec"]!.ToJsonString());
        Assert.Equal("""{"conditions":[{"type":"Approved","reason":"KubectlApprove","message":"approved","lastUpdateTime":"2023-11-14T22:13:20Z","status":"True"}]}""",
            obj["status"]!.ToJsonString());
    }

    [Fact]
    public void HorizontalPodAutoscalerV2_KeepsAPointerZeroInsideAList()
    {
        var obj = Decode("autoscaling/v2", "HorizontalPodAutoscaler", new ProtoWriter()
            .Message(1, ProtoWriter.Meta("web"))
            .Message(2, spec => spec
                .Message(1, r => r.String(1, "Deployment").String(2, "web").String(3, "apps/v1"))
                .Varint(2, 1).Varint(3, 4)
                .Message(4, m => m.String(1, "Resource")
                    .Message(4, res => res.String(1, "cpu").Message(2, t => t.String(1, "Utilization").Varint(4, 0))))));

        Assert.Equal("""{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},"minReplicas":1,"maxReplicas":4,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":0}}}]}""",
            obj["spec"]!.ToJsonString());
    }

    [Fact]
    public void Ingress_InlinesTheRuleValueAndReadsBackendFields3And4()
    {
        var obj = Decode("networking.k8s.io/v1", "Ingress", new ProtoWriter()
            .Message(1, ProtoWriter.Meta("web"))
            .Message(2, spec => spec
                .Message(3, rule => rule.String(1, "example.com")
                    .Message(2, value => value.Message(1, http => http.Message(1, path => path.String(1, "/api").String(3, "Prefix")
                        .Message(2, backend => backend.Message(4, svc => svc.String(1, "api")
                            .Message(2, port => port.String(1, "").Varint(2, 8080))))))))
                .String(4, "nginx")));

        Assert.Equal("""{"rules":[{"host":"example.com","http":{"paths":[{"path":"/api","pathType":"Prefix","backend":{"service":{"name":"api","port":{"number":8080}}}}]}}],"ingressClassName":"nginx"}""",
            obj["spec"]!.ToJsonString());
    }

    [Fact]
    public void PodDisruptionBudget_MinAvailablePercentage()
    {
        var obj = Decode("policy/v1", "PodDisruptionBudget", new ProtoWriter()
            .Message(1, ProtoWriter.Meta("web"))
            .Message(2, spec => spec.Message(1, m => m.Varint(1, 1).Varint(2, 0).String(3, "50%"))
                .Message(2, sel => sel.MapEntry(1, "app", "web"))));

        Assert.Equal("""{"minAvailable":"50%","selector":{"matchLabels":{"app":"web"}}}""", obj["spec"]!.ToJsonString());
    }

    [Fact]
    public void SelfSubjectAccessReview_ResourceAttributes()
    {
        var obj = Decode("authorization.k8s.io/v1", "SelfSubjectAccessReview", new ProtoWriter()
            .Message(1, ProtoWriter.Meta(""))
            .Message(2, spec => spec.Message(1, ra => ra.String(1, "default").String(2, "create").String(3, "apps")
                .String(4, "").String(5, "deployments").String(6, "").String(7, ""))));

        Assert.Equal("""{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"namespace":"default","verb":"create","group":"apps","resource":"deployments"}}}""",
            obj.ToJsonString());
    }
}
