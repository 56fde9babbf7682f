using System.Text.Json;
using SharpKube.ApiMachinery.Selectors;

namespace SharpKube.ApiMachinery.Tests.Selectors;

public sealed class SelectableFieldsTests
{
    private const string RunningPod = """
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"web-1","namespace":"prod","labels":{"app":"web"}},
         "spec":{"nodeName":"node-a","restartPolicy":"Always","schedulerName":"default-scheduler",
                 "serviceAccountName":"default","hostNetwork":true},
         "status":{"phase":"Running","podIP":"10.0.0.5","podIPs":[{"ip":"10.0.0.5"},{"ip":"fd00::5"}],
                   "nominatedNodeName":"node-b","hostIP":"192.168.1.2"}}
        """;

    private static IReadOnlyDictionary<string, string> Extract(string group, string kind, string json)
    {
        using var document = JsonDocument.Parse(json);
        return SelectableFields.For(group, kind).Extract(document.RootElement);
    }

    private static bool Select(string group, string kind, string selector, string json)
    {
        var fields = SelectableFields.For(group, kind);
        var resolved = fields.Resolve(FieldSelector.Parse(selector));
        using var document = JsonDocument.Parse(json);
        var direct = fields.Matches(resolved, document.RootElement);
        Assert.Equal(resolved.Matches(fields.Extract(document.RootElement)), direct);
        return direct;
    }

    [Fact]
    public void Pod_FieldsAreComputedFromTheObject()
    {
        Assert.Equal(new Dictionary<string, string>
        {
            ["metadata.name"] = "web-1",
            ["metadata.namespace"] = "prod",
            ["spec.nodeName"] = "node-a",
            ["spec.restartPolicy"] = "Always",
            ["spec.schedulerName"] = "default-scheduler",
            ["spec.serviceAccountName"] = "default",
            ["spec.hostNetwork"] = "true",
            ["status.phase"] = "Running",
            ["status.podIP"] = "10.0.0.5",
            ["status.nominatedNodeName"] = "node-b",
        }, Extract("", "Pod", RunningPod));
    }

    [Fact]
    public void Pod_UnsetFieldsAreEmptyAndHostNetworkIsFalse()
    {
        var fields = Extract("", "Pod", """{"metadata":{"name":"p","namespace":"d"},"spec":{},"status":{}}""");

        Assert.Equal("false", fields["spec.hostNetwork"]);
        Assert.Equal("", fields["spec.nodeName"]);
        Assert.Equal("", fields["status.phase"]);
        Assert.Equal("", fields["status.podIP"]);
    }

    [Fact]
    public void Pod_PodIPFallsBackToTheSingularField()
    {
        Assert.Equal("10.1.1.1", Extract("", "Pod", """{"status":{"podIP":"10.1.1.1"}}""")["status.podIP"]);
    }

    [Theory]
    [InlineData("spec.nodeName=node-a", true)]
    [InlineData("spec.nodeName!=node-a", false)]
    [InlineData("spec.host=node-a", true)]
    [InlineData("status.phase!=Succeeded,status.phase!=Failed", true)]
    [InlineData("spec.hostNetwork=true", true)]
    [InlineData("spec.hostNetwork=false", false)]
    [InlineData("status.podIP=10.0.0.5", true)]
    [InlineData("status.podIPs=10.0.0.5", false)]
    [InlineData("status.podIPs=", true)]
    [InlineData("metadata.name=web-1,metadata.namespace=prod", true)]
    [InlineData("metadata.namespace=default", false)]
    [InlineData("spec.schedulerName=default-scheduler,spec.serviceAccountName=default,spec.restartPolicy=Always", true)]
    [InlineData("status.nominatedNodeName=node-b", true)]
    public void Pod_SelectsLikeKubeApiserver(string selector, bool expected)
    {
        Assert.Equal(expected, Select("", "Pod", selector, RunningPod));
    }

    [Fact]
    public void Pod_SpecHostIsResolvedToSpecNodeName()
    {
        var resolved = SelectableFields.For("", "Pod").Resolve(FieldSelector.Parse("spec.host=node-a"));

        Assert.Equal("spec.nodeName=node-a", resolved.ToString());
    }

    [Fact]
    public void Pod_SupportsUpstreamsLabels()
    {
        var pods = SelectableFields.For("", "Pod");

        Assert.Equal(
            new[]
            {
                "metadata.name", "metadata.namespace", "spec.host", "spec.hostNetwork", "spec.nodeName",
                "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.nominatedNodeName",
                "status.phase", "status.podIP", "status.podIPs",
            },
            pods.Names.Order(StringComparer.Ordinal));
        Assert.False(pods.Supports("status.hostIP"));
    }

    [Fact]
    public void UnsupportedLabel_IsRejectedWithTheKindsMessage()
    {
        var error = Assert.Throws<SelectorParseException>(
            () => SelectableFields.For("", "Pod").Resolve(FieldSelector.Parse("status.hostIP=192.168.10.101")));

        Assert.Equal("field label not supported: status.hostIP", error.Message);
        Assert.Equal(400, error.ToStatusException().Code);
        Assert.Equal("BadRequest", error.ToStatusException().Reason);
    }

    [Fact]
    public void UnsupportedLabel_FirstInSelectorOrderIsReported()
    {
        var error = Assert.Throws<SelectorParseException>(
            () => SelectableFields.For("", "Pod").Resolve(FieldSelector.Parse("zz=1,spec.nodeName=a,aa=2")));

        Assert.Equal("field label not supported: aa", error.Message);
    }

    [Theory]
    [InlineData("", "ConfigMap", "data.x", "\"data.x\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    [InlineData("apps", "Deployment", "spec.replicas", "\"spec.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    [InlineData("apps", "ReplicaSet", "status.replicas", "\"status.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    [InlineData("", "Node", "metadata.namespace", "field label not supported: metadata.namespace")]
    [InlineData("", "Namespace", "metadata.namespace", "field label not supported: metadata.namespace")]
    [InlineData("", "Secret", "data", "field label not supported: data")]
    [InlineData("", "Event", "message", "field label not supported: message")]
    [InlineData("batch", "Job", "spec.foo", "field label \"spec.foo\" not supported for Job")]
    [InlineData("events.k8s.io", "Event", "involvedObject.kind", "field label not supported: involvedObject.kind")]
    [InlineData("certificates.k8s.io", "CertificateSigningRequest", "status.x", "field label not supported: status.x")]
    [InlineData("resource.k8s.io", "ResourceSlice", "spec.pool", "field label not supported for resource.k8s.io/v1beta1, Kind=ResourceSlice: spec.pool")]
    public void UnsupportedMessage_MatchesUpstreamForTheKind(string group, string kind, string label, string message)
    {
        var fields = SelectableFields.For(group, kind);

        Assert.False(fields.Supports(label));
        Assert.Equal(message, fields.UnsupportedMessage(label));
    }

    [Theory]
    [InlineData("", "ConfigMap", new[] { "metadata.name", "metadata.namespace" })]
    [InlineData("apps", "Deployment", new[] { "metadata.name", "metadata.namespace" })]
    [InlineData("", "Node", new[] { "metadata.name", "spec.unschedulable" })]
    [InlineData("", "Namespace", new[] { "metadata.name", "status.phase" })]
    [InlineData("", "Secret", new[] { "metadata.name", "metadata.namespace", "type" })]
    [InlineData("", "Service", new[] { "metadata.name", "metadata.namespace", "spec.clusterIP", "spec.type" })]
    [InlineData("", "ReplicationController", new[] { "metadata.name", "metadata.namespace", "status.replicas" })]
    [InlineData("batch", "Job", new[] { "metadata.name", "metadata.namespace", "status.successful" })]
    [InlineData("certificates.k8s.io", "CertificateSigningRequest", new[] { "metadata.name", "spec.signerName" })]
    [InlineData("resource.k8s.io", "ResourceSlice", new[] { "metadata.name", "spec.driver", "spec.nodeName" })]
    public void Names_AreUpstreamsLabelsForTheKind(string group, string kind, string[] names)
    {
        Assert.Equal(names, SelectableFields.For(group, kind).Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CoreEvent_FieldsAreComputedFromTheObject()
    {
        const string json = """
            {"metadata":{"name":"web-1.17a","namespace":"prod"},
             "involvedObject":{"kind":"Pod","namespace":"prod","name":"web-1","uid":"u-1","apiVersion":"v1",
                               "resourceVersion":"42","fieldPath":"spec.containers{web}"},
             "reason":"Pulled","message":"pulled","source":{"component":"kubelet","host":"node-a"},
             "reportingComponent":"kubelet","type":"Normal"}
            """;

        Assert.Equal(new Dictionary<string, string>
        {
            ["metadata.name"] = "web-1.17a",
            ["metadata.namespace"] = "prod",
            ["involvedObject.kind"] = "Pod",
            ["involvedObject.namespace"] = "prod",
            ["involvedObject.name"] = "web-1",
            ["involvedObject.uid"] = "u-1",
            ["involvedObject.apiVersion"] = "v1",
            ["involvedObject.resourceVersion"] = "42",
            ["involvedObject.fieldPath"] = "spec.containers{web}",
            ["reason"] = "Pulled",
            ["reportingComponent"] = "kubelet",
            ["source"] = "kubelet",
            ["type"] = "Normal",
        }, Extract("", "Event", json));
    }

    [Fact]
    public void CoreEvent_SourceFallsBackToTheReportingComponent()
    {
        var fields = Extract("", "Event", """{"source":{},"reportingComponent":"deployment-controller"}""");

        Assert.Equal("deployment-controller", fields["source"]);
    }

    [Theory]
    [InlineData("involvedObject.kind=Pod,involvedObject.name=web-1,involvedObject.namespace=prod", true)]
    [InlineData("involvedObject.uid=u-1,type=Normal", false)]
    [InlineData("type!=Normal", true)]
    [InlineData("reason=BackOff,source=kubelet", true)]
    public void CoreEvent_SelectsLikeKubeApiserver(string selector, bool expected)
    {
        const string json = """
            {"metadata":{"name":"e","namespace":"prod"},
             "involvedObject":{"kind":"Pod","namespace":"prod","name":"web-1","uid":"u-1"},
             "reason":"BackOff","source":{"component":"kubelet"},"type":"Warning"}
            """;

        Assert.Equal(expected, Select("", "Event", selector, json));
    }

    [Theory]
    [InlineData("regarding.kind=Pod,regarding.name=web-1", true)]
    [InlineData("regarding.namespace=other", false)]
    [InlineData("reportingController=kubelet,reason=Started,type=Normal", true)]
    [InlineData("source=kubelet", true)]
    [InlineData("metadata.namespace=prod", true)]
    public void EventsApiEvent_SelectsByItsOwnFieldNames(string selector, bool expected)
    {
        const string json = """
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e","namespace":"prod"},
             "regarding":{"kind":"Pod","namespace":"prod","name":"web-1"},
             "reason":"Started","reportingController":"kubelet","type":"Normal","note":"started"}
            """;

        Assert.Equal(expected, Select("events.k8s.io", "Event", selector, json));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"n1"},"spec":{"unschedulable":true}}""", "true")]
    [InlineData("""{"metadata":{"name":"n1"},"spec":{"unschedulable":false}}""", "false")]
    [InlineData("""{"metadata":{"name":"n1"},"spec":{}}""", "false")]
    public void Node_UnschedulableIsTrueOrFalse(string json, string expected)
    {
        var fields = Extract("", "Node", json);

        Assert.Equal(expected, fields["spec.unschedulable"]);
        Assert.Equal("n1", fields["metadata.name"]);
        Assert.False(fields.ContainsKey("metadata.namespace"));
    }

    [Fact]
    public void Secret_IsSelectedByType()
    {
        const string json = """{"metadata":{"name":"tls","namespace":"prod"},"type":"kubernetes.io/tls","data":{}}""";

        Assert.Equal("kubernetes.io/tls", Extract("", "Secret", json)["type"]);
        Assert.True(Select("", "Secret", "type=kubernetes.io/tls", json));
        Assert.False(Select("", "Secret", "type=Opaque", json));
    }

    [Theory]
    [InlineData("batch", "Job", """{"status":{"succeeded":3}}""", "status.successful", "3")]
    [InlineData("batch", "Job", """{"status":{}}""", "status.successful", "0")]
    [InlineData("", "ReplicationController", """{"status":{"replicas":2}}""", "status.replicas", "2")]
    [InlineData("", "Namespace", """{"status":{"phase":"Terminating"}}""", "status.phase", "Terminating")]
    [InlineData("", "Service", """{"spec":{"type":"NodePort","clusterIP":"10.43.0.7"}}""", "spec.type", "NodePort")]
    [InlineData("", "Service", """{"spec":{"type":"NodePort","clusterIP":"10.43.0.7"}}""", "spec.clusterIP", "10.43.0.7")]
    [InlineData("certificates.k8s.io", "CertificateSigningRequest", """{"spec":{"signerName":"kubernetes.io/kubelet-serving"}}""", "spec.signerName", "kubernetes.io/kubelet-serving")]
    public void KindSpecificFields_AreComputedLikeUpstream(string group, string kind, string json, string field, string expected)
    {
        Assert.Equal(expected, Extract(group, kind, json)[field]);
        Assert.True(Select(group, kind, $"{field}={expected}", json));
        Assert.False(Select(group, kind, $"{field}!={expected}", json));
    }

    [Theory]
    [InlineData("metadata.namespace=", true)]
    [InlineData("metadata.namespace=default", false)]
    [InlineData("metadata.name=admin", true)]
    public void ClusterScopedObject_HasAnEmptyNamespace(string selector, bool expected)
    {
        Assert.Equal(expected, Select("rbac.authorization.k8s.io", "ClusterRole", selector, """{"metadata":{"name":"admin"}}"""));
    }
}
