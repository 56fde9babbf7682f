using static SharpKube.ApiMachinery.Protobuf.ProtoFieldKind;

namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>core/v1 kinds other than the pod spec: Namespace, ConfigMap, Secret, Service, ServiceAccount, ResourceQuota.</summary>
internal static class CoreV1Schema
{
    /// <summary>Registers the messages and kinds.</summary>
    public static void Register(ProtoSchema s)
    {
        s.Define("core.Namespace").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "core.NamespaceSpec")
            .Msg(3, "status", "core.NamespaceStatus");
        s.Define("core.NamespaceSpec").Strs(1, "finalizers");
        s.Define("core.NamespaceStatus").Str(1, "phase");
        s.Kind("v1", "Namespace", "core.Namespace");

        s.Define("core.ConfigMap").Msg(1, "metadata", "meta.ObjectMeta").Map(2, "data").Map(3, "binaryData", Bytes)
            .Bool(4, "immutable", pointer: true);
        s.Kind("v1", "ConfigMap", "core.ConfigMap");

        s.Define("core.Secret").Msg(1, "metadata", "meta.ObjectMeta").Map(2, "data", Bytes).Str(3, "type")
            .Map(4, "stringData").Bool(5, "immutable", pointer: true);
        s.Kind("v1", "Secret", "core.Secret");

        s.Define("core.Service").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "core.ServiceSpec");
        s.Define("core.ServiceSpec")
            .Msgs(1, "ports", "core.ServicePort").Map(2, "selector").Str(3, "clusterIP").Str(4, "type").Strs(5, "externalIPs")
            .Str(7, "sessionAffinity").Str(8, "loadBalancerIP").Strs(9, "loadBalancerSourceRanges").Str(10, "externalName")
            .Str(11, "externalTrafficPolicy").I32(12, "healthCheckNodePort").Bool(13, "publishNotReadyAddresses")
            .Msg(14, "sessionAffinityConfig", "core.SessionAffinityConfig", pointer: true)
            .Str(17, "ipFamilyPolicy", pointer: true).Strs(18, "clusterIPs").Strs(19, "ipFamilies")
            .Bool(20, "allocateLoadBalancerNodePorts", pointer: true).Str(21, "loadBalancerClass", pointer: true)
            .Str(22, "internalTrafficPolicy", pointer: true).Str(23, "trafficDistribution", pointer: true);
        s.Define("core.ServicePort").Str(1, "name").Str(2, "protocol").I32(3, "port").Special(4, "targetPort", IntOrString)
            .I32(5, "nodePort").Str(6, "appProtocol", pointer: true);
        s.Define("core.SessionAffinityConfig").Msg(1, "clientIP", "core.ClientIPConfig", pointer: true);
        s.Define("core.ClientIPConfig").I32(1, "timeoutSeconds", pointer: true);
        s.Kind("v1", "Service", "core.Service");

        s.Define("core.ServiceAccount").Msg(1, "metadata", "meta.ObjectMeta").Msgs(2, "secrets", "core.ObjectReference")
            .Msgs(3, "imagePullSecrets", "core.LocalObjectReference").Bool(4, "automountServiceAccountToken", pointer: true);
        s.Define("core.ObjectReference").Str(1, "kind").Str(2, "namespace").Str(3, "name").Str(4, "uid")
            .Str(5, "apiVersion").Str(6, "resourceVersion").Str(7, "fieldPath");
        s.Define("core.LocalObjectReference").Str(1, "name");
        s.Kind("v1", "ServiceAccount", "core.ServiceAccount");

        s.Define("core.ResourceQuota").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "core.ResourceQuotaSpec");
        s.Define("core.ResourceQuotaSpec").Map(1, "hard", Quantity).Strs(2, "scopes")
            .Msg(3, "scopeSelector", "core.ScopeSelector", pointer: true);
        s.Define("core.ScopeSelector").Msgs(1, "matchExpressions", "core.ScopedResourceSelectorRequirement");
        s.Define("core.ScopedResourceSelectorRequirement").Str(1, "scopeName").Str(2, "operator").Strs(3, "values");
        s.Kind("v1", "ResourceQuota", "core.ResourceQuota");
    }
}
