using static SharpKube.ApiMachinery.Protobuf.ProtoFieldKind;

namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>core/v1 PodTemplateSpec and PodSpec with its scheduling and security messages.</summary>
internal static class PodSpecSchema
{
    /// <summary>Registers the messages.</summary>
    public static void Register(ProtoSchema s)
    {
        s.Define("core.PodTemplateSpec").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "core.PodSpec");
        s.Define("core.PodSpec")
            .Msgs(1, "volumes", "core.Volume").Msgs(2, "containers", "core.Container").Str(3, "restartPolicy")
            .I64(4, "terminationGracePeriodSeconds", pointer: true).I64(5, "activeDeadlineSeconds", pointer: true)
            .Str(6, "dnsPolicy").Map(7, "nodeSelector").Str(8, "serviceAccountName").Str(9, "serviceAccount")
            .Str(10, "nodeName").Bool(11, "hostNetwork").Bool(12, "hostPID").Bool(13, "hostIPC")
            .Msg(14, "securityContext", "core.PodSecurityContext", pointer: true)
            .Msgs(15, "imagePullSecrets", "core.LocalObjectReference").Str(16, "hostname").Str(17, "subdomain")
            .Msg(18, "affinity", "core.Affinity", pointer: true).Str(19, "schedulerName")
            .Msgs(20, "initContainers", "core.Container").Bool(21, "automountServiceAccountToken", pointer: true)
            .Msgs(22, "tolerations", "core.Toleration").Msgs(23, "hostAliases", "core.HostAlias").Str(24, "priorityClassName")
            .I32(25, "priority", pointer: true).Msg(26, "dnsConfig", "core.PodDNSConfig", pointer: true)
            .Bool(27, "shareProcessNamespace", pointer: true).Msgs(28, "readinessGates", "core.PodReadinessGate")
            .Str(29, "runtimeClassName", pointer: true).Bool(30, "enableServiceLinks", pointer: true)
            .Str(31, "preemptionPolicy", pointer: true).Map(32, "overhead", Quantity)
            .Msgs(33, "topologySpreadConstraints", "core.TopologySpreadConstraint")
            .Msgs(34, "ephemeralContainers", "core.Container").Bool(35, "setHostnameAsFQDN", pointer: true)
            .Msg(36, "os", "core.PodOS", pointer: true).Bool(37, "hostUsers", pointer: true)
            .Msgs(38, "schedulingGates", "core.PodSchedulingGate").Msgs(39, "resourceClaims", "core.PodResourceClaim")
            .Msg(40, "resources", "core.ResourceRequirements", pointer: true);
        s.Define("core.PodSecurityContext")
            .Msg(1, "seLinuxOptions", "core.SELinuxOptions", pointer: true).I64(2, "runAsUser", pointer: true)
            .Bool(3, "runAsNonRoot", pointer: true).I64s(4, "supplementalGroups").I64(5, "fsGroup", pointer: true)
            .I64(6, "runAsGroup", pointer: true).Msgs(7, "sysctls", "core.Sysctl")
            .Msg(8, "windowsOptions", "core.WindowsSecurityContextOptions", pointer: true)
            .Str(9, "fsGroupChangePolicy", pointer: true).Msg(10, "seccompProfile", "core.SeccompProfile", pointer: true)
            .Msg(11, "appArmorProfile", "core.AppArmorProfile", pointer: true).Str(12, "supplementalGroupsPolicy", pointer: true)
            .Str(13, "seLinuxChangePolicy", pointer: true);
        s.Define("core.SELinuxOptions").Str(1, "user").Str(2, "role").Str(3, "type").Str(4, "level");
        s.Define("core.Sysctl").Str(1, "name").Str(2, "value");
        s.Define("core.SeccompProfile").Str(1, "type").Str(2, "localhostProfile", pointer: true);
        s.Define("core.AppArmorProfile").Str(1, "type").Str(2, "localhostProfile", pointer: true);
        s.Define("core.WindowsSecurityContextOptions").Str(1, "gmsaCredentialSpecName", pointer: true)
            .Str(2, "gmsaCredentialSpec", pointer: true).Str(3, "runAsUserName", pointer: true).Bool(4, "hostProcess", pointer: true);
        s.Define("core.Affinity").Msg(1, "nodeAffinity", "core.NodeAffinity", pointer: true)
            .Msg(2, "podAffinity", "core.PodAffinity", pointer: true).Msg(3, "podAntiAffinity", "core.PodAffinity", pointer: true);
        s.Define("core.NodeAffinity").Msg(1, "requiredDuringSchedulingIgnoredDuringExecution", "core.NodeSelector", pointer: true)
            .Msgs(2, "preferredDuringSchedulingIgnoredDuringExecution", "core.PreferredSchedulingTerm");
        s.Define("core.NodeSelector").Msgs(1, "nodeSelectorTerms", "core.NodeSelectorTerm");
        s.Define("core.NodeSelectorTerm").Msgs(1, "matchExpressions", "core.NodeSelectorRequirement")
            .Msgs(2, "matchFields", "core.NodeSelectorRequirement");
        s.Define("core.NodeSelectorRequirement").Str(1, "key").Str(2, "operator").Strs(3, "values");
        s.Define("core.PreferredSchedulingTerm").I32(1, "weight").Msg(2, "preference", "core.NodeSelectorTerm");
        // PodAffinity and PodAntiAffinity share their shape and field numbers.
        s.Define("core.PodAffinity").Msgs(1, "requiredDuringSchedulingIgnoredDuringExecution", "core.PodAffinityTerm")
            .Msgs(2, "preferredDuringSchedulingIgnoredDuringExecution", "core.WeightedPodAffinityTerm");
        s.Define("core.PodAffinityTerm").Msg(1, "labelSelector", "meta.LabelSelector", pointer: true).Strs(2, "namespaces")
            .Str(3, "topologyKey").Msg(4, "namespaceSelector", "meta.LabelSelector", pointer: true)
            .Strs(5, "matchLabelKeys").Strs(6, "mismatchLabelKeys");
        s.Define("core.WeightedPodAffinityTerm").I32(1, "weight").Msg(2, "podAffinityTerm", "core.PodAffinityTerm");
        s.Define("core.Toleration").Str(1, "key").Str(2, "operator").Str(3, "value").Str(4, "effect")
            .I64(5, "tolerationSeconds", pointer: true);
        s.Define("core.HostAlias").Str(1, "ip").Strs(2, "hostnames");
        s.Define("core.PodDNSConfig").Strs(1, "nameservers").Strs(2, "searches").Msgs(3, "options", "core.PodDNSConfigOption");
        s.Define("core.PodDNSConfigOption").Str(1, "name").Str(2, "value", pointer: true);
        s.Define("core.PodReadinessGate").Str(1, "conditionType");
        s.Define("core.TopologySpreadConstraint").I32(1, "maxSkew").Str(2, "topologyKey").Str(3, "whenUnsatisfiable")
            .Msg(4, "labelSelector", "meta.LabelSelector", pointer: true).I32(5, "minDomains", pointer: true)
            .Str(6, "nodeAffinityPolicy", pointer: true).Str(7, "nodeTaintsPolicy", pointer: true).Strs(8, "matchLabelKeys");
        s.Define("core.PodOS").Str(1, "name");
        s.Define("core.PodSchedulingGate").Str(1, "name");
        s.Define("core.PodResourceClaim").Str(1, "name").Str(3, "resourceClaimName", pointer: true)
            .Str(4, "resourceClaimTemplateName", pointer: true);
    }
}
