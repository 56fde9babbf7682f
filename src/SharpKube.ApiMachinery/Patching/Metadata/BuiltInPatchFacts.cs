using System.Collections.Frozen;
using k8s.Models;
using static SharpKube.ApiMachinery.Patching.Metadata.FieldPatchFacts;

namespace SharpKube.ApiMachinery.Patching.Metadata;

/// <summary>
/// The one table of patch facts for the built-in kinds, keyed by the KubernetesClient model type that declares a
/// field and the field's JSON name. Written from the <c>patchStrategy</c>/<c>patchMergeKey</c> tags and the
/// <c>+listType</c>/<c>+listMapKey</c>/<c>+mapType</c>/<c>+structType</c> markers of upstream's published API types
/// (k8s.io/api v1.32). Lists without an entry are atomic; maps and structs without one merge key by key.
/// Strategic merge patch reads <see cref="FieldPatchFacts.Strategy"/> and <see cref="FieldPatchFacts.MergeKey"/>;
/// server-side apply and the OpenAPI extensions read the list and map types.
/// </summary>
internal static class BuiltInPatchFacts
{
    /// <summary>Facts per (declaring model type, JSON field name).</summary>
    public static FrozenDictionary<(Type Type, string Field), FieldPatchFacts> Fields { get; } = BuildFields();

    /// <summary>Struct types marked <c>+structType=atomic</c>: apply owns them whole.</summary>
    public static FrozenSet<Type> AtomicStructs { get; } = new[]
    {
        typeof(V1LabelSelector), typeof(V1NodeSelector), typeof(V1ObjectReference), typeof(V1LocalObjectReference),
        typeof(V1ConfigMapKeySelector), typeof(V1SecretKeySelector), typeof(V1ObjectFieldSelector),
        typeof(V1ResourceFieldSelector), typeof(V1TypedLocalObjectReference), typeof(V1TypedObjectReference),
    }.ToFrozenSet();

    private static FrozenDictionary<(Type, string), FieldPatchFacts> BuildFields()
    {
        var table = new Dictionary<(Type, string), FieldPatchFacts>();
        void Add<T>(string field, FieldPatchFacts facts) => table.Add((typeof(T), field), facts);

        // metav1.ObjectMeta
        Add<V1ObjectMeta>("finalizers", MergedSet);
        Add<V1ObjectMeta>("ownerReferences", MergeBy("uid"));

        // core/v1 PodSpec (shared by Pod, PodTemplate and every workload's template)
        Add<V1PodSpec>("volumes", MergeRetainingKeysBy("name"));
        Add<V1PodSpec>("initContainers", MergeBy("name"));
        Add<V1PodSpec>("containers", MergeBy("name"));
        Add<V1PodSpec>("ephemeralContainers", MergeBy("name"));
        Add<V1PodSpec>("imagePullSecrets", MergeBy("name"));
        Add<V1PodSpec>("hostAliases", MergeBy("ip"));
        Add<V1PodSpec>("topologySpreadConstraints", MergeBy("topologyKey", "topologyKey", "whenUnsatisfiable"));
        Add<V1PodSpec>("resourceClaims", MergeRetainingKeysBy("name"));
        Add<V1PodSpec>("schedulingGates", MergeBy("name"));
        Add<V1PodSpec>("nodeSelector", AtomicMapType);

        // core/v1 Container and EphemeralContainer (same fields, inlined upstream)
        AddContainerFacts<V1Container>(table);
        AddContainerFacts<V1EphemeralContainer>(table);
        Add<V1ResourceRequirements>("claims", MapKeyedBy("name"));

        // core/v1 PodStatus
        Add<V1PodStatus>("conditions", MergeBy("type"));
        Add<V1PodStatus>("podIPs", MergeBy("ip"));
        Add<V1PodStatus>("hostIPs", new FieldPatchFacts(PatchStrategy.Merge, "ip"));
        Add<V1PodStatus>("resourceClaimStatuses", MergeRetainingKeysBy("name"));

        // core/v1 Service, ReplicationController, Node, Namespace, PersistentVolumeClaim
        Add<V1ServiceSpec>("ports", MergeBy("port", "port", "protocol"));
        Add<V1ServiceSpec>("selector", AtomicMapType);
        Add<V1ServiceStatus>("conditions", MergeBy("type"));
        Add<V1ReplicationControllerSpec>("selector", AtomicMapType);
        Add<V1ReplicationControllerStatus>("conditions", MergeBy("type"));
        Add<V1NodeSpec>("podCIDRs", MergedSet);
        Add<V1NodeStatus>("conditions", MergeBy("type"));
        Add<V1NodeStatus>("addresses", MergeBy("type"));
        Add<V1NamespaceStatus>("conditions", MergeBy("type"));
        Add<V1ComponentStatus>("conditions", MergeBy("type"));
        Add<V1ServiceAccount>("secrets", MergeBy("name"));
        Add<V1PersistentVolumeClaimStatus>("conditions", MergeBy("type"));

        // apps/v1, batch/v1, autoscaling/v2, policy/v1, apiextensions.k8s.io/v1
        Add<V1DeploymentSpec>("strategy", FieldPatchFacts.RetainKeys);
        Add<V1DeploymentStatus>("conditions", MergeBy("type"));
        Add<V1ReplicaSetStatus>("conditions", MergeBy("type"));
        Add<V1StatefulSetStatus>("conditions", MergeBy("type"));
        Add<V1DaemonSetStatus>("conditions", MergeBy("type"));
        Add<V1JobStatus>("conditions", new FieldPatchFacts(PatchStrategy.Merge, "type"));
        Add<V2HorizontalPodAutoscalerStatus>("conditions", MergeBy("type"));
        Add<V1PodDisruptionBudgetStatus>("conditions", MergeBy("type"));
        Add<V1CustomResourceDefinitionStatus>("conditions", MapKeyedBy("type"));

        // certificates.k8s.io/v1, admissionregistration.k8s.io/v1, storage.k8s.io/v1
        Add<V1CertificateSigningRequestStatus>("conditions", MapKeyedBy("type"));
        Add<V1ValidatingWebhookConfiguration>("webhooks", MergeBy("name"));
        Add<V1MutatingWebhookConfiguration>("webhooks", MergeBy("name"));
        Add<V1CSINodeSpec>("drivers", MergeBy("name"));
        return table.ToFrozenDictionary();
    }

    private static void AddContainerFacts<T>(Dictionary<(Type, string), FieldPatchFacts> table)
    {
        table.Add((typeof(T), "ports"), MergeBy("containerPort", "containerPort", "protocol"));
        table.Add((typeof(T), "env"), MergeBy("name"));
        table.Add((typeof(T), "volumeMounts"), MergeBy("mountPath"));
        table.Add((typeof(T), "volumeDevices"), MergeBy("devicePath"));
    }
}
