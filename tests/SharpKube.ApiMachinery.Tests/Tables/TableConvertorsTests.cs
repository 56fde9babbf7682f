using SharpKube.ApiMachinery.Tables;
using SharpKube.ApiMachinery.Tables.Printers;
using static SharpKube.ApiMachinery.Tests.Tables.TableFixture;

namespace SharpKube.ApiMachinery.Tests.Tables;

public sealed class TableConvertorsTests
{
    // Columns as upstream's printers define them; "*" marks the priority-1 columns shown by -o wide.
    [Theory]
    [InlineData("", "Pod", "Name|Ready|Status|Restarts|Age|IP*|Node*|Nominated Node*|Readiness Gates*")]
    [InlineData("", "PodTemplate", "Name|Containers|Images|Pod Labels")]
    [InlineData("policy", "PodDisruptionBudget", "Name|Min Available|Max Unavailable|Allowed Disruptions|Age")]
    [InlineData("", "ReplicationController", "Name|Desired|Current|Ready|Age|Containers*|Images*|Selector*")]
    [InlineData("apps", "ReplicaSet", "Name|Desired|Current|Ready|Age|Containers*|Images*|Selector*")]
    [InlineData("apps", "DaemonSet", "Name|Desired|Current|Ready|Up-to-date|Available|Node Selector|Age|Containers*|Images*|Selector*")]
    [InlineData("apps", "Deployment", "Name|Ready|Up-to-date|Available|Age|Containers*|Images*|Selector*")]
    [InlineData("apps", "StatefulSet", "Name|Ready|Age|Containers*|Images*")]
    [InlineData("apps", "ControllerRevision", "Name|Controller|Revision|Age")]
    [InlineData("batch", "Job", "Name|Status|Completions|Duration|Age|Containers*|Images*|Selector*")]
    [InlineData("batch", "CronJob", "Name|Schedule|Timezone|Suspend|Active|Last Schedule|Age|Containers*|Images*|Selector*")]
    [InlineData("", "Service", "Name|Type|Cluster-IP|External-IP|Port(s)|Age|Selector*")]
    [InlineData("networking.k8s.io", "Ingress", "Name|Class|Hosts|Address|Ports|Age")]
    [InlineData("networking.k8s.io", "IngressClass", "Name|Controller|Parameters|Age")]
    [InlineData("networking.k8s.io", "NetworkPolicy", "Name|Pod-Selector|Age")]
    [InlineData("", "Endpoints", "Name|Endpoints|Age")]
    [InlineData("discovery.k8s.io", "EndpointSlice", "Name|AddressType|Ports|Endpoints|Age")]
    [InlineData("", "Node", "Name|Status|Roles|Age|Version|Internal-IP*|External-IP*|OS-Image*|Kernel-Version*|Container-Runtime*")]
    [InlineData("", "Event", "Last Seen|Type|Reason|Object|Subobject*|Source*|Message|First Seen*|Count*|Name*")]
    [InlineData("events.k8s.io", "Event", "Last Seen|Type|Reason|Object|Subobject*|Source*|Message|First Seen*|Count*|Name*")]
    [InlineData("", "Namespace", "Name|Status|Age")]
    [InlineData("", "Secret", "Name|Type|Data|Age")]
    [InlineData("", "ServiceAccount", "Name|Secrets|Age")]
    [InlineData("", "ConfigMap", "Name|Data|Age")]
    [InlineData("", "PersistentVolume", "Name|Capacity|Access Modes|Reclaim Policy|Status|Claim|StorageClass|VolumeAttributesClass|Reason|Age|VolumeMode*")]
    [InlineData("", "PersistentVolumeClaim", "Name|Status|Volume|Capacity|Access Modes|StorageClass|VolumeAttributesClass|Age|VolumeMode*")]
    [InlineData("", "ComponentStatus", "Name|Status|Message|Error")]
    [InlineData("", "ResourceQuota", "Name|Request|Limit|Age")]
    [InlineData("autoscaling", "HorizontalPodAutoscaler", "Name|Reference|Targets|MinPods|MaxPods|Replicas|Age")]
    [InlineData("rbac.authorization.k8s.io", "RoleBinding", "Name|Role|Age|Users*|Groups*|ServiceAccounts*")]
    [InlineData("rbac.authorization.k8s.io", "ClusterRoleBinding", "Name|Role|Age|Users*|Groups*|ServiceAccounts*")]
    [InlineData("certificates.k8s.io", "CertificateSigningRequest", "Name|Age|SignerName|Requestor|RequestedDuration|Condition")]
    [InlineData("coordination.k8s.io", "Lease", "Name|Holder|Age")]
    [InlineData("scheduling.k8s.io", "PriorityClass", "Name|Value|Global-Default|Age|PreemptionPolicy")]
    [InlineData("node.k8s.io", "RuntimeClass", "Name|Handler|Age")]
    [InlineData("storage.k8s.io", "StorageClass", "Name|Provisioner|ReclaimPolicy|VolumeBindingMode|AllowVolumeExpansion|Age")]
    [InlineData("storage.k8s.io", "VolumeAttachment", "Name|Attacher|PV|Node|Attached|Age")]
    [InlineData("storage.k8s.io", "CSIDriver", "Name|AttachRequired|PodInfoOnMount|StorageCapacity|TokenRequests|RequiresRepublish|Modes|Age")]
    [InlineData("storage.k8s.io", "CSINode", "Name|Drivers|Age")]
    [InlineData("storage.k8s.io", "CSIStorageCapacity", "Name|StorageClassName|Capacity")]
    [InlineData("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "Name|Webhooks|Age")]
    [InlineData("admissionregistration.k8s.io", "MutatingWebhookConfiguration", "Name|Webhooks|Age")]
    [InlineData("admissionregistration.k8s.io", "ValidatingAdmissionPolicy", "Name|Validations|ParamKind|Age")]
    [InlineData("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding", "Name|PolicyName|ParamRef|Age")]
    [InlineData("admissionregistration.k8s.io", "MutatingAdmissionPolicy", "Name|Mutations|ParamKind|Age")]
    [InlineData("flowcontrol.apiserver.k8s.io", "FlowSchema", "Name|PriorityLevel|MatchingPrecedence|DistinguisherMethod|Age|MissingPL")]
    [InlineData("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration", "Name|Type|NominalConcurrencyShares|Queues|HandSize|QueueLengthLimit|Age")]
    [InlineData("apiregistration.k8s.io", "APIService", "Name|Service|Available|Age")]
    [InlineData("rbac.authorization.k8s.io", "Role", "Name|Created At")]
    [InlineData("rbac.authorization.k8s.io", "ClusterRole", "Name|Created At")]
    [InlineData("", "LimitRange", "Name|Created At")]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition", "Name|Created At")]
    [InlineData("example.com", "Widget", "Name|Created At")]
    public void For_ReturnsUpstreamsColumns(string group, string kind, string expected) =>
        Assert.Equal(expected, ColumnSummary(TableConvertors.For(group, kind)));

    [Fact]
    public void KindsWithoutAPrinter_GetTheDefaultConvertor()
    {
        Assert.Same(TableConvertors.Default, TableConvertors.For("rbac.authorization.k8s.io", "Role"));
        Assert.Same(TableConvertors.Default, TableConvertors.For("apps", "Pod"));
    }

    [Fact]
    public void TheCoreAndEventsApis_ShareOneEventConvertor()
    {
        Assert.Same(EventTableConvertor.Instance, TableConvertors.For("", "Event"));
        Assert.Same(EventTableConvertor.Instance, TableConvertors.For("events.k8s.io", "Event"));
    }

    [Fact]
    public void ColumnTypes_AndNameFormats_FollowUpstream()
    {
        var pod = PodTableConvertor.Instance.Columns;
        Assert.Equal(["name", "", "", "", ""], pod.Take(5).Select(c => c.Format));
        Assert.All(pod, c => Assert.Equal("string", c.Type));
        Assert.Equal("boolean", CronJobTableConvertor.Instance.Columns[3].Type);
        Assert.Equal("integer", CronJobTableConvertor.Instance.Columns[4].Type);
        Assert.Equal(["string", "date"], DefaultTableConvertor.Instance.Columns.Select(c => c.Type));
        Assert.Equal("name", VolumeAttachmentTableConvertor.Instance.Columns[1].Format);
        Assert.Equal("name", EventTableConvertor.Instance.Columns[^1].Format);
    }

    [Fact]
    public void EveryColumn_HasADescriptionExceptUpstreamsEmptyOnes()
    {
        var missing = AllConvertors()
            .SelectMany(c => c.Columns.Where(column => column.Description.Length == 0).Select(column => column.Name))
            .Distinct();
        Assert.Equal(["Handler"], missing);
    }

    public static TheoryData<string> Shapes() =>
    [
        "{}",
        """{"metadata":null,"spec":null,"status":null}""",
        """{"metadata":[],"spec":5,"status":"x","apiVersion":7}""",
        """
        {"metadata":{"name":5,"creationTimestamp":"garbage","deletionTimestamp":"","labels":[1],"annotations":"x","ownerReferences":{}},
         "spec":{"containers":"x","template":[],"selector":[],"ports":[1,"a",null],"replicas":"3","type":"LoadBalancer",
                 "metrics":[{"type":"Resource"},{"type":"Pods"},{"type":"External"},{"type":"Object"},{"type":"ContainerResource"},{},3],
                 "rules":[null,{"host":7}],"tls":{},"limited":{"limitResponse":{"queuing":{}}},"paramRef":{"selector":{"matchExpressions":[null]}},
                 "readinessGates":[null],"initContainers":[null,{"restartPolicy":"Always"}],"expirationSeconds":99999999999999,
                 "claimRef":{},"capacity":{"storage":12},"minAvailable":1.5,"scaleTargetRef":"x","tokenRequests":[]},
         "status":{"conditions":[null,1,"x",{"type":"Ready"}],"containerStatuses":[null,{"state":{"terminated":{}}}],
                   "initContainerStatuses":[{"state":{"terminated":{"exitCode":"1"}}}],"loadBalancer":{"ingress":[{}]},
                   "hard":{"cpu":1,"limits.cpu":null},"currentMetrics":"x","podIPs":[null],"addresses":[{"type":"InternalIP"}]},
         "subsets":[{"addresses":[null],"ports":[{}]}],"endpoints":[{"addresses":[3]}],"ports":[{}],"webhooks":{},
         "involvedObject":"x","regarding":{},"series":{},"firstTimestamp":"2024-13-45T99:99:99Z","data":[1],"subjects":[null,{"kind":"ServiceAccount"}]}
        """,
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryConvertor_ReturnsOneCellPerColumn_ForAnyShapeOfObject(string json)
    {
        foreach (var convertor in AllConvertors())
        {
            var row = Row(convertor, json);
            Assert.Equal(convertor.Columns.Count, row.Length);
            Assert.All(row, cell => Assert.True(cell is string or long or bool, $"{convertor.GetType().Name}: {cell?.GetType().Name ?? "null"}"));
        }
    }

    private static IEnumerable<TableConvertor> AllConvertors() =>
        TableConvertors.PrintedKinds.Select(k => TableConvertors.For(k.Group, k.Kind)).Append(TableConvertors.Default).Distinct();
}
