using System.Collections.Frozen;
using SharpKube.ApiMachinery.Tables.Printers;

namespace SharpKube.ApiMachinery.Tables;

/// <summary>
/// Finds the table convertor for a kind: upstream's printer where kube-apiserver (or the aggregator)
/// has one, the default NAME / CREATED AT convertor otherwise. Convertors are stateless singletons.
/// </summary>
public static class TableConvertors
{
    private static readonly FrozenDictionary<(string Group, string Kind), TableConvertor> ByKind =
        new Dictionary<(string Group, string Kind), TableConvertor>
        {
            [("", "ComponentStatus")] = ComponentStatusTableConvertor.Instance,
            [("", "ConfigMap")] = ConfigMapTableConvertor.Instance,
            [("", "Endpoints")] = EndpointsTableConvertor.Instance,
            [("", "Event")] = EventTableConvertor.Instance,
            [("", "Namespace")] = NamespaceTableConvertor.Instance,
            [("", "Node")] = NodeTableConvertor.Instance,
            [("", "PersistentVolume")] = PersistentVolumeTableConvertor.Instance,
            [("", "PersistentVolumeClaim")] = PersistentVolumeClaimTableConvertor.Instance,
            [("", "Pod")] = PodTableConvertor.Instance,
            [("", "PodTemplate")] = PodTemplateTableConvertor.Instance,
            [("", "ReplicationController")] = ReplicationControllerTableConvertor.Instance,
            [("", "ResourceQuota")] = ResourceQuotaTableConvertor.Instance,
            [("", "Secret")] = SecretTableConvertor.Instance,
            [("", "Service")] = ServiceTableConvertor.Instance,
            [("", "ServiceAccount")] = ServiceAccountTableConvertor.Instance,
            [("admissionregistration.k8s.io", "MutatingAdmissionPolicy")] = AdmissionPolicyTableConvertor.Mutating,
            [("admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding")] = AdmissionPolicyBindingTableConvertor.Instance,
            [("admissionregistration.k8s.io", "MutatingWebhookConfiguration")] = WebhookConfigurationTableConvertor.Instance,
            [("admissionregistration.k8s.io", "ValidatingAdmissionPolicy")] = AdmissionPolicyTableConvertor.Validating,
            [("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding")] = AdmissionPolicyBindingTableConvertor.Instance,
            [("admissionregistration.k8s.io", "ValidatingWebhookConfiguration")] = WebhookConfigurationTableConvertor.Instance,
            [("apiregistration.k8s.io", "APIService")] = APIServiceTableConvertor.Instance,
            [("apps", "ControllerRevision")] = ControllerRevisionTableConvertor.Instance,
            [("apps", "DaemonSet")] = DaemonSetTableConvertor.Instance,
            [("apps", "Deployment")] = DeploymentTableConvertor.Instance,
            [("apps", "ReplicaSet")] = ReplicaSetTableConvertor.Instance,
            [("apps", "StatefulSet")] = StatefulSetTableConvertor.Instance,
            [("autoscaling", "HorizontalPodAutoscaler")] = HorizontalPodAutoscalerTableConvertor.Instance,
            [("batch", "CronJob")] = CronJobTableConvertor.Instance,
            [("batch", "Job")] = JobTableConvertor.Instance,
            [("certificates.k8s.io", "CertificateSigningRequest")] = CertificateSigningRequestTableConvertor.Instance,
            [("coordination.k8s.io", "Lease")] = LeaseTableConvertor.Instance,
            [("discovery.k8s.io", "EndpointSlice")] = EndpointSliceTableConvertor.Instance,
            [("events.k8s.io", "Event")] = EventTableConvertor.Instance,
            [("flowcontrol.apiserver.k8s.io", "FlowSchema")] = FlowSchemaTableConvertor.Instance,
            [("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration")] = PriorityLevelConfigurationTableConvertor.Instance,
            [("networking.k8s.io", "Ingress")] = IngressTableConvertor.Instance,
            [("networking.k8s.io", "IngressClass")] = IngressClassTableConvertor.Instance,
            [("networking.k8s.io", "NetworkPolicy")] = NetworkPolicyTableConvertor.Instance,
            [("node.k8s.io", "RuntimeClass")] = RuntimeClassTableConvertor.Instance,
            [("policy", "PodDisruptionBudget")] = PodDisruptionBudgetTableConvertor.Instance,
            [("rbac.authorization.k8s.io", "ClusterRoleBinding")] = RoleBindingTableConvertor.Cluster,
            [("rbac.authorization.k8s.io", "RoleBinding")] = RoleBindingTableConvertor.Namespaced,
            [("scheduling.k8s.io", "PriorityClass")] = PriorityClassTableConvertor.Instance,
            [("storage.k8s.io", "CSIDriver")] = CSIDriverTableConvertor.Instance,
            [("storage.k8s.io", "CSINode")] = CSINodeTableConvertor.Instance,
            [("storage.k8s.io", "CSIStorageCapacity")] = CSIStorageCapacityTableConvertor.Instance,
            [("storage.k8s.io", "StorageClass")] = StorageClassTableConvertor.Instance,
            [("storage.k8s.io", "VolumeAttachment")] = VolumeAttachmentTableConvertor.Instance,
        }.ToFrozenDictionary();

    /// <summary>The default convertor: NAME and CREATED AT.</summary>
    public static TableConvertor Default => DefaultTableConvertor.Instance;

    /// <summary>Every (group, kind) with a printer of its own.</summary>
    public static IEnumerable<(string Group, string Kind)> PrintedKinds => ByKind.Keys;

    /// <summary>
    /// The convertor for a kind in an API group (empty for the core group); the default convertor
    /// when upstream has no printer for it (Role, ClusterRole, LimitRange, CRDs, custom resources…).
    /// </summary>
    public static TableConvertor For(string group, string kind) =>
        ByKind.GetValueOrDefault((group, kind)) ?? DefaultTableConvertor.Instance;
}
