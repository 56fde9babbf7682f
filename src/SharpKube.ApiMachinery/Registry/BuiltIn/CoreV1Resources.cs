using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>The core group (<c>/api/v1</c>) as upstream Kubernetes v1.32 serves it.</summary>
internal static class CoreV1Resources
{
    /// <summary>All core/v1 resources, sorted by name as upstream lists them.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Core("Binding", "bindings", "binding", namespaced: true) with
        {
            Verbs = VerbSets.Create, Persisted = false, ModelType = typeof(V1Binding),
        },
        Core("ComponentStatus", "componentstatuses", "componentstatus", namespaced: false) with
        {
            Verbs = VerbSets.GetList, ShortNames = ["cs"], Persisted = false, ModelType = typeof(V1ComponentStatus),
        },
        Core("ConfigMap", "configmaps", "configmap", namespaced: true) with
        {
            ShortNames = ["cm"], ModelType = typeof(V1ConfigMap),
        },
        // Endpoints is one of the few kinds whose singular equals its plural.
        Core("Endpoints", "endpoints", "endpoints", namespaced: true) with
        {
            ShortNames = ["ep"], StorageResource = "services/endpoints", ModelType = typeof(V1Endpoints),
        },
        Core("Event", "events", "event", namespaced: true) with
        {
            ShortNames = ["ev"], ModelType = typeof(Corev1Event),
        },
        Core("LimitRange", "limitranges", "limitrange", namespaced: true) with
        {
            ShortNames = ["limits"], ModelType = typeof(V1LimitRange),
        },
        Core("Namespace", "namespaces", "namespace", namespaced: false) with
        {
            Verbs = VerbSets.StandardWithoutDeleteCollection, ShortNames = ["ns"], ModelType = typeof(V1Namespace),
            Subresources = [new("finalize", "Namespace", VerbSets.Update), CommonSubresources.Status("Namespace")],
        },
        Core("Node", "nodes", "node", namespaced: false) with
        {
            ShortNames = ["no"], StorageResource = "minions", ModelType = typeof(V1Node),
            Subresources = [new("proxy", "NodeProxyOptions", VerbSets.Proxy), CommonSubresources.Status("Node")],
        },
        Core("PersistentVolumeClaim", "persistentvolumeclaims", "persistentvolumeclaim", namespaced: true) with
        {
            ShortNames = ["pvc"], ModelType = typeof(V1PersistentVolumeClaim),
            Subresources = [CommonSubresources.Status("PersistentVolumeClaim")],
        },
        Core("PersistentVolume", "persistentvolumes", "persistentvolume", namespaced: false) with
        {
            ShortNames = ["pv"], ModelType = typeof(V1PersistentVolume),
            Subresources = [CommonSubresources.Status("PersistentVolume")],
        },
        Core("Pod", "pods", "pod", namespaced: true) with
        {
            ShortNames = ["po"], Categories = ["all"], ModelType = typeof(V1Pod),
            Subresources =
            [
                new("attach", "PodAttachOptions", VerbSets.CreateGet),
                new("binding", "Binding", VerbSets.Create),
                new("ephemeralcontainers", "Pod", VerbSets.GetPatchUpdate),
                new("eviction", "Eviction", VerbSets.Create, "policy", "v1"),
                new("exec", "PodExecOptions", VerbSets.CreateGet),
                new("log", "Pod", VerbSets.Get),
                new("portforward", "PodPortForwardOptions", VerbSets.CreateGet),
                new("proxy", "PodProxyOptions", VerbSets.Proxy),
                CommonSubresources.Status("Pod"),
            ],
        },
        Core("PodTemplate", "podtemplates", "podtemplate", namespaced: true) with
        {
            ModelType = typeof(V1PodTemplate),
        },
        Core("ReplicationController", "replicationcontrollers", "replicationcontroller", namespaced: true) with
        {
            ShortNames = ["rc"], Categories = ["all"], StorageResource = "controllers",
            ModelType = typeof(V1ReplicationController),
            Subresources = [CommonSubresources.Scale, CommonSubresources.Status("ReplicationController")],
        },
        Core("ResourceQuota", "resourcequotas", "resourcequota", namespaced: true) with
        {
            ShortNames = ["quota"], ModelType = typeof(V1ResourceQuota),
            Subresources = [CommonSubresources.Status("ResourceQuota")],
        },
        Core("Secret", "secrets", "secret", namespaced: true) with
        {
            ModelType = typeof(V1Secret),
        },
        Core("ServiceAccount", "serviceaccounts", "serviceaccount", namespaced: true) with
        {
            ShortNames = ["sa"], ModelType = typeof(V1ServiceAccount),
            Subresources = [new("token", "TokenRequest", VerbSets.Create, "authentication.k8s.io", "v1")],
        },
        Core("Service", "services", "service", namespaced: true) with
        {
            ShortNames = ["svc"], Categories = ["all"], StorageResource = "services/specs", ModelType = typeof(V1Service),
            Subresources = [new("proxy", "ServiceProxyOptions", VerbSets.Proxy), CommonSubresources.Status("Service")],
        },
    ];

    private static ResourceDefinition Core(string kind, string plural, string singular, bool namespaced) => new()
    {
        Group = "", Version = "v1", Kind = kind, Plural = plural, Singular = singular, Namespaced = namespaced,
    };
}
