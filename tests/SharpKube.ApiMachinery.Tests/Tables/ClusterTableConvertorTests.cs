using SharpKube.ApiMachinery.Tables;
using SharpKube.ApiMachinery.Tables.Printers;
using static SharpKube.ApiMachinery.Tests.Tables.TableFixture;

namespace SharpKube.ApiMachinery.Tests.Tables;

public sealed class ClusterTableConvertorTests
{
    [Fact]
    public void Namespace_ShowsItsPhase() =>
        AssertRow(NamespaceTableConvertor.Instance, """{"metadata":{"name":"dev","creationTimestamp":"@-400d"},"status":{"phase":"Terminating"}}""",
            "dev", "Terminating", "400d");

    [Fact]
    public void ConfigMap_CountsDataAndBinaryData() =>
        AssertRow(ConfigMapTableConvertor.Instance, """{"metadata":{"name":"cfg"},"data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}""",
            "cfg", 3L, "<unknown>");

    [Fact]
    public void Secret_ShowsTypeAndKeyCount() =>
        AssertRow(SecretTableConvertor.Instance, """{"metadata":{"name":"tls"},"type":"kubernetes.io/tls","data":{"tls.crt":"","tls.key":""}}""",
            "tls", "kubernetes.io/tls", 2L, "<unknown>");

    [Fact]
    public void ServiceAccount_CountsSecrets() =>
        AssertRow(ServiceAccountTableConvertor.Instance, """{"metadata":{"name":"default","creationTimestamp":"@-1096d"}}""",
            "default", 0L, "3y1d");

    [Fact]
    public void RoleBinding_ShowsRoleAndWideSubjects() =>
        AssertRow(RoleBindingTableConvertor.Namespaced, """
            {"metadata":{"name":"edit"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"},
             "subjects":[{"kind":"User","name":"alice"},{"kind":"Group","name":"devs"},{"kind":"User","name":"bob"},
                         {"kind":"ServiceAccount","namespace":"ci","name":"deployer"},{"kind":"Robot","name":"r2"}]}
            """,
            "edit", "ClusterRole/edit", "<unknown>", "alice, bob", "devs", "ci/deployer");

    [Fact]
    public void ClusterRoleBinding_WithoutSubjects_HasEmptyWideCells() =>
        AssertRow(RoleBindingTableConvertor.Cluster, """{"metadata":{"name":"view"},"roleRef":{"kind":"ClusterRole","name":"view"}}""",
            "view", "ClusterRole/view", "<unknown>", "", "", "");

    [Theory]
    [InlineData("[]", "", "Pending")]
    [InlineData("""[{"type":"Approved","status":"True"}]""", "", "Approved")]
    [InlineData("""[{"type":"Approved","status":"True"}]""", "LS0t", "Approved,Issued")]
    [InlineData("""[{"type":"Approved"},{"type":"Denied"}]""", "", "Denied")]
    [InlineData("""[{"type":"Approved"},{"type":"Failed"}]""", "", "Approved,Failed")]
    public void CertificateSigningRequest_Condition(string conditions, string certificate, string expected) =>
        Assert.Equal(expected, Cells(CertificateSigningRequestTableConvertor.Instance, """{"status":{"conditions":CONDITIONS,"certificate":"CERT"}}"""
            .Replace("CONDITIONS", conditions, StringComparison.Ordinal).Replace("CERT", certificate, StringComparison.Ordinal))["Condition"]);

    [Fact]
    public void CertificateSigningRequest_ShowsSignerRequestorAndDuration()
    {
        AssertRow(CertificateSigningRequestTableConvertor.Instance, """
            {"metadata":{"name":"csr-x","creationTimestamp":"@-5s"},
             "spec":{"signerName":"kubernetes.io/kube-apiserver-client","username":"system:admin","expirationSeconds":86400}}
            """,
            "csr-x", "5s", "kubernetes.io/kube-apiserver-client", "system:admin", "24h", "Pending");
        Assert.Equal("<none> | <none>", Pick(Cells(CertificateSigningRequestTableConvertor.Instance, "{}"), "SignerName", "RequestedDuration"));
    }

    [Fact]
    public void ComponentStatus_ReadsTheHealthyCondition()
    {
        AssertRow(ComponentStatusTableConvertor.Instance, """
            {"metadata":{"name":"etcd-0"},"conditions":[{"type":"Healthy","status":"True","message":"ok"}]}
            """,
            "etcd-0", "Healthy", "ok", "");
        AssertRow(ComponentStatusTableConvertor.Instance, """
            {"metadata":{"name":"scheduler"},"conditions":[{"type":"Healthy","status":"False","message":"","error":"connection refused"}]}
            """,
            "scheduler", "Unhealthy", "", "connection refused");
        AssertRow(ComponentStatusTableConvertor.Instance, """{"metadata":{"name":"x"}}""", "x", "Unknown", "", "");
    }

    [Fact]
    public void ResourceQuota_SplitsRequestsAndLimits() =>
        AssertRow(ResourceQuotaTableConvertor.Instance, """
            {"metadata":{"name":"compute"},
             "status":{"hard":{"requests.cpu":"2","pods":"10","limits.memory":"4Gi","limits.cpu":"4","requests.memory":"2Gi"},
                       "used":{"requests.cpu":"500m","pods":"3","limits.cpu":"1"}}}
            """,
            "compute", "pods: 3/10, requests.cpu: 500m/2, requests.memory: 0/2Gi", "limits.cpu: 1/4, limits.memory: 0/4Gi", "<unknown>");

    [Fact]
    public void PriorityClass_ShowsValueDefaultAndPolicy() =>
        AssertRow(PriorityClassTableConvertor.Instance, """
            {"metadata":{"name":"system-cluster-critical"},"value":2000000000,"globalDefault":false,"preemptionPolicy":"PreemptLowerPriority"}
            """,
            "system-cluster-critical", 2000000000L, false, "<unknown>", "PreemptLowerPriority");

    [Fact]
    public void RuntimeClassAndLease_ShowHandlerAndHolder()
    {
        AssertRow(RuntimeClassTableConvertor.Instance, """{"metadata":{"name":"gvisor"},"handler":"runsc"}""", "gvisor", "runsc", "<unknown>");
        AssertRow(LeaseTableConvertor.Instance, """{"metadata":{"name":"node-1"},"spec":{"holderIdentity":"node-1","leaseDurationSeconds":40}}""",
            "node-1", "node-1", "<unknown>");
        Assert.Equal("", Cells(LeaseTableConvertor.Instance, "{}")["Holder"]);
    }

    [Fact]
    public void WebhookConfigurations_CountWebhooks() =>
        AssertRow(TableConvertors.For("admissionregistration.k8s.io", "MutatingWebhookConfiguration"), """
            {"metadata":{"name":"istio"},"webhooks":[{"name":"a"},{"name":"b"}]}
            """,
            "istio", 2L, "<unknown>");

    [Fact]
    public void AdmissionPolicies_CountRulesAndShowParamKind()
    {
        AssertRow(AdmissionPolicyTableConvertor.Validating, """
            {"metadata":{"name":"replicas"},"spec":{"paramKind":{"apiVersion":"rules.example.com/v1","kind":"ReplicaLimit"},
             "validations":[{"expression":"object.spec.replicas <= params.maxReplicas"}]}}
            """,
            "replicas", 1L, "rules.example.com/v1/ReplicaLimit", "<unknown>");
        AssertRow(AdmissionPolicyTableConvertor.Mutating, """{"metadata":{"name":"m"},"spec":{"mutations":[{},{}]}}""", "m", 2L, "<unset>", "<unknown>");
    }

    [Theory]
    [InlineData("""{"name":"limits","namespace":"prod"}""", "prod/limits")]
    [InlineData("""{"name":"limits"}""", "*/limits")]
    [InlineData("""{"selector":{"matchLabels":{"tier":"prod","app":"web"},"matchExpressions":[{"key":"env","operator":"In","values":["a","b"]}]}}""",
        "&LabelSelector{MatchLabels:map[string]string{app: web,tier: prod,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:env,Operator:In,Values:[a b],},},}")]
    [InlineData("""{"parameterNotFoundAction":"Deny"}""", "<unset>")]
    [InlineData("null", "<unset>")]
    public void AdmissionPolicyBinding_ParamRef(string paramRef, string expected) =>
        Assert.Equal(expected, Cells(AdmissionPolicyBindingTableConvertor.Instance, """{"spec":{"policyName":"p","paramRef":REF}}"""
            .Replace("REF", paramRef, StringComparison.Ordinal))["ParamRef"]);

    [Fact]
    public void FlowSchema_ShowsPriorityLevelPrecedenceAndDangling()
    {
        AssertRow(FlowSchemaTableConvertor.Instance, """
            {"metadata":{"name":"exempt"},"spec":{"priorityLevelConfiguration":{"name":"exempt"},"matchingPrecedence":1},
             "status":{"conditions":[{"type":"Dangling","status":"False"}]}}
            """,
            "exempt", "exempt", 1L, "<none>", "<unknown>", "False");
        Assert.Equal("ByUser | ?", Pick(Cells(FlowSchemaTableConvertor.Instance, """{"spec":{"distinguisherMethod":{"type":"ByUser"}}}"""),
            "DistinguisherMethod", "MissingPL"));
    }

    [Fact]
    public void PriorityLevelConfiguration_ShowsLimitsOrNone()
    {
        AssertRow(PriorityLevelConfigurationTableConvertor.Instance, """
            {"metadata":{"name":"workload-low"},"spec":{"type":"Limited","limited":{"nominalConcurrencyShares":100,
             "limitResponse":{"type":"Queue","queuing":{"queues":128,"handSize":6,"queueLengthLimit":50}}}}}
            """,
            "workload-low", "Limited", 100L, 128L, 6L, 50L, "<unknown>");
        AssertRow(PriorityLevelConfigurationTableConvertor.Instance, """{"metadata":{"name":"exempt"},"spec":{"type":"Exempt","exempt":{}}}""",
            "exempt", "Exempt", "<none>", "<none>", "<none>", "<none>", "<unknown>");
        AssertRow(PriorityLevelConfigurationTableConvertor.Instance, """
            {"metadata":{"name":"reject"},"spec":{"type":"Limited","limited":{"nominalConcurrencyShares":5,"limitResponse":{"type":"Reject"}}}}
            """,
            "reject", "Limited", 5L, "<none>", "<none>", "<none>", "<unknown>");
    }

    [Fact]
    public void APIService_ShowsServiceAndAvailability()
    {
        AssertRow(APIServiceTableConvertor.Instance, """
            {"metadata":{"name":"v1beta1.metrics.k8s.io"},"spec":{"service":{"namespace":"kube-system","name":"metrics-server"}},
             "status":{"conditions":[{"type":"Available","status":"False","reason":"MissingEndpoints"}]}}
            """,
            "v1beta1.metrics.k8s.io", "kube-system/metrics-server", "False (MissingEndpoints)", "<unknown>");
        AssertRow(APIServiceTableConvertor.Instance, """
            {"metadata":{"name":"v1.apps"},"status":{"conditions":[{"type":"Available","status":"True","reason":"Local"}]}}
            """,
            "v1.apps", "Local", "True", "<unknown>");
        Assert.Equal("Unknown", Cells(APIServiceTableConvertor.Instance, "{}")["Available"]);
    }

    [Fact]
    public void DefaultConvertor_ShowsTheCreationTimeAsAnRfc3339Date()
    {
        AssertRow(TableConvertors.For("rbac.authorization.k8s.io", "ClusterRole"),
            """{"metadata":{"name":"admin","creationTimestamp":"2024-05-30T08:15:00.5+02:00"}}""",
            "admin", "2024-05-30T06:15:00Z");
        AssertRow(TableConvertors.Default, "{}", "", "0001-01-01T00:00:00Z");
    }
}
