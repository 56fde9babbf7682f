using System.Collections.Frozen;
using k8s.Models;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// The <c>required</c> list of a model type's schema. KubernetesClient keeps required scalar fields
/// non-nullable (<c>int</c>, <c>bool</c>, <c>DateTime</c>), which marks them; required strings, objects and
/// lists are not marked, so they come from this table, written from upstream's API reference (fields whose Go
/// JSON tag has no <c>omitempty</c>). Extend the table as kinds need it.
/// </summary>
internal static class ModelRequiredFields
{
    private static readonly FrozenDictionary<Type, string[]> ReferenceFields = new Dictionary<Type, string[]>
    {
        [typeof(V1Container)] = ["name"],
        [typeof(V1EphemeralContainer)] = ["name"],
        [typeof(V1EnvVar)] = ["name"],
        [typeof(V1VolumeMount)] = ["name", "mountPath"],
        [typeof(V1VolumeDevice)] = ["name", "devicePath"],
        [typeof(V1Volume)] = ["name"],
        [typeof(V1PodSpec)] = ["containers"],
        [typeof(V1OwnerReference)] = ["apiVersion", "kind", "name", "uid"],
        [typeof(V1LabelSelectorRequirement)] = ["key", "operator"],
        [typeof(V1NodeSelectorRequirement)] = ["key", "operator"],
        [typeof(V1NodeSelector)] = ["nodeSelectorTerms"],
        [typeof(V1PodAffinityTerm)] = ["topologyKey"],
        [typeof(V1WeightedPodAffinityTerm)] = ["weight", "podAffinityTerm"],
        [typeof(V1PreferredSchedulingTerm)] = ["weight", "preference"],
        [typeof(V1TopologySpreadConstraint)] = ["maxSkew", "topologyKey", "whenUnsatisfiable"],
        [typeof(V1ServicePort)] = ["port"],
        [typeof(V1ConfigMapKeySelector)] = ["key"],
        [typeof(V1SecretKeySelector)] = ["key"],
        [typeof(V1ObjectFieldSelector)] = ["fieldPath"],
        [typeof(V1ResourceFieldSelector)] = ["resource"],
        [typeof(V1KeyToPath)] = ["key", "path"],
        [typeof(V1HTTPGetAction)] = ["port"],
        [typeof(V1TCPSocketAction)] = ["port"],
        [typeof(V1HTTPHeader)] = ["name", "value"],
        [typeof(V1DeploymentSpec)] = ["selector", "template"],
        [typeof(V1StatefulSetSpec)] = ["selector", "template"],
        [typeof(V1DaemonSetSpec)] = ["selector", "template"],
        [typeof(V1ReplicaSetSpec)] = ["selector"],
        [typeof(V1JobSpec)] = ["template"],
        [typeof(V1CronJobSpec)] = ["schedule", "jobTemplate"],
        [typeof(V1RoleRef)] = ["apiGroup", "kind", "name"],
        [typeof(Rbacv1Subject)] = ["kind", "name"],
        [typeof(V1RoleBinding)] = ["roleRef"],
        [typeof(V1ClusterRoleBinding)] = ["roleRef"],
        [typeof(V1PolicyRule)] = ["verbs"],
        [typeof(V1Condition)] = ["type", "status", "lastTransitionTime", "reason", "message"],
        [typeof(V1PodCondition)] = ["type", "status"],
        [typeof(V1NodeCondition)] = ["type", "status"],
        [typeof(V1DeploymentCondition)] = ["type", "status"],
        [typeof(V1Taint)] = ["key", "effect"],
        [typeof(V1HTTPIngressPath)] = ["pathType", "backend"],
        [typeof(V1HTTPIngressRuleValue)] = ["paths"],
        [typeof(V1IngressServiceBackend)] = ["name"],
        [typeof(V1ServiceAccountTokenProjection)] = ["path"],
        [typeof(V1ContainerStatus)] = ["name", "ready", "restartCount", "image", "imageID"],
        [typeof(V1NodeAddress)] = ["type", "address"],
        [typeof(V1EndpointAddress)] = ["ip"],
        [typeof(V1PersistentVolumeClaimVolumeSource)] = ["claimName"],
        [typeof(V1HostPathVolumeSource)] = ["path"],
        [typeof(V1NFSVolumeSource)] = ["server", "path"],
        [typeof(V1CustomResourceDefinitionSpec)] = ["group", "names", "scope", "versions"],
        [typeof(V1CustomResourceDefinitionNames)] = ["plural", "kind"],
        [typeof(V1CustomResourceDefinitionVersion)] = ["name", "served", "storage"],
        [typeof(V1APIResource)] = ["name", "singularName", "namespaced", "kind", "verbs"],
        [typeof(V1CrossVersionObjectReference)] = ["kind", "name"],
        [typeof(V2CrossVersionObjectReference)] = ["kind", "name"],
        [typeof(V1HorizontalPodAutoscalerSpec)] = ["scaleTargetRef", "maxReplicas"],
        [typeof(V2HorizontalPodAutoscalerSpec)] = ["scaleTargetRef", "maxReplicas"],
        [typeof(V2MetricSpec)] = ["type"],
        [typeof(V1Sysctl)] = ["name", "value"],
        [typeof(V1TypedLocalObjectReference)] = ["kind", "name"],
        [typeof(V1LimitRangeItem)] = ["type"],
        [typeof(V1LimitRangeSpec)] = ["limits"],
        [typeof(V1ScopedResourceSelectorRequirement)] = ["scopeName", "operator"],
        [typeof(V1Binding)] = ["target"],
        [typeof(Corev1Event)] = ["metadata", "involvedObject"],
        [typeof(V1StorageClass)] = ["provisioner"],
    }.ToFrozenDictionary();

    /// <summary>The required wire names of <paramref name="modelType"/>: the table's, then the non-nullable scalars.</summary>
    public static IReadOnlyList<string> Of(Type modelType)
    {
        var required = new List<string>(ReferenceFields.GetValueOrDefault(modelType) ?? []);
        foreach (var property in ModelProperties.Of(modelType))
        {
            if (property.Type.IsValueType && Nullable.GetUnderlyingType(property.Type) is null && !required.Contains(property.Name))
            {
                required.Add(property.Name);
            }
        }
        return required;
    }
}
