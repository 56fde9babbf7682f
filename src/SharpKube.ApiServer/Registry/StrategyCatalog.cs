using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiServer.Registry.ConfigMaps;
using SharpKube.ApiServer.Registry.ControllerRevisions;
using SharpKube.ApiServer.Registry.CronJobs;
using SharpKube.ApiServer.Registry.CustomResourceDefinitions;
using SharpKube.ApiServer.Registry.DaemonSets;
using SharpKube.ApiServer.Registry.Deployments;
using SharpKube.ApiServer.Registry.Endpoints;
using SharpKube.ApiServer.Registry.EndpointSlices;
using SharpKube.ApiServer.Registry.Events;
using SharpKube.ApiServer.Registry.HorizontalPodAutoscalers;
using SharpKube.ApiServer.Registry.IngressClasses;
using SharpKube.ApiServer.Registry.Ingresses;
using SharpKube.ApiServer.Registry.Jobs;
using SharpKube.ApiServer.Registry.Leases;
using SharpKube.ApiServer.Registry.Namespaces;
using SharpKube.ApiServer.Registry.NetworkPolicies;
using SharpKube.ApiServer.Registry.Nodes;
using SharpKube.ApiServer.Registry.PersistentVolumeClaims;
using SharpKube.ApiServer.Registry.PersistentVolumes;
using SharpKube.ApiServer.Registry.PodDisruptionBudgets;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.PodTemplates;
using SharpKube.ApiServer.Registry.PriorityClasses;
using SharpKube.ApiServer.Registry.Rbac;
using SharpKube.ApiServer.Registry.ReplicaSets;
using SharpKube.ApiServer.Registry.ReplicationControllers;
using SharpKube.ApiServer.Registry.ResourceQuotas;
using SharpKube.ApiServer.Registry.Secrets;
using SharpKube.ApiServer.Registry.ServiceAccounts;
using SharpKube.ApiServer.Registry.Services;
using SharpKube.ApiServer.Registry.StatefulSets;
using SharpKube.ApiServer.Registry.StorageClasses;
using SharpKube.ApiServer.Registry.Webhooks;

namespace SharpKube.ApiServer.Registry;

/// <summary>Maps each resource to its strategy.</summary>
public static class StrategyCatalog
{
    /// <summary>The strategy for a resource; <see cref="ResourceStrategy.Default"/> when it has no particular rules.</summary>
    public static ResourceStrategy For(ResourceDefinition resource) => For(resource.Group, resource.Kind);

    /// <summary>The strategy for a group and kind; <see cref="ResourceStrategy.Default"/> when it has no particular rules.</summary>
    public static ResourceStrategy For(string group, string kind) => (group, kind) switch
    {
        ("", "Pod") => PodStrategy.Instance,
        ("", "PodTemplate") => PodTemplateStrategy.Instance,
        ("", "Service") => ServiceStrategy.Instance,
        ("", "Namespace") => NamespaceStrategy.Instance,
        ("", "ConfigMap") => ConfigMapStrategy.Instance,
        ("", "Secret") => SecretStrategy.Instance,
        ("", "ServiceAccount") => ServiceAccountStrategy.Instance,
        ("", "Node") => NodeStrategy.Instance,
        ("", "Event") or ("events.k8s.io", "Event") => EventStrategy.Instance,
        ("", "PersistentVolume") => PersistentVolumeStrategy.Instance,
        ("", "PersistentVolumeClaim") => PersistentVolumeClaimStrategy.Instance,
        ("", "Endpoints") => EndpointsStrategy.Instance,
        ("", "ReplicationController") => ReplicationControllerStrategy.Instance,
        ("", "ResourceQuota") => ResourceQuotaStrategy.Instance,
        ("apps", "Deployment") => DeploymentStrategy.Instance,
        ("apps", "ReplicaSet") => ReplicaSetStrategy.Instance,
        ("apps", "StatefulSet") => StatefulSetStrategy.Instance,
        ("apps", "DaemonSet") => DaemonSetStrategy.Instance,
        ("apps", "ControllerRevision") => ControllerRevisionStrategy.Instance,
        ("batch", "Job") => JobStrategy.Instance,
        ("batch", "CronJob") => CronJobStrategy.Instance,
        ("autoscaling", "HorizontalPodAutoscaler") => HorizontalPodAutoscalerStrategy.Instance,
        ("policy", "PodDisruptionBudget") => PodDisruptionBudgetStrategy.Instance,
        ("networking.k8s.io", "Ingress") => IngressStrategy.Instance,
        ("networking.k8s.io", "IngressClass") => IngressClassStrategy.Instance,
        ("networking.k8s.io", "NetworkPolicy") => NetworkPolicyStrategy.Instance,
        ("rbac.authorization.k8s.io", "Role") => RoleStrategy.Role,
        ("rbac.authorization.k8s.io", "ClusterRole") => RoleStrategy.ClusterRole,
        ("rbac.authorization.k8s.io", "RoleBinding") => RoleBindingStrategy.RoleBinding,
        ("rbac.authorization.k8s.io", "ClusterRoleBinding") => RoleBindingStrategy.ClusterRoleBinding,
        ("apiextensions.k8s.io", "CustomResourceDefinition") => CustomResourceDefinitionStrategy.Instance,
        ("discovery.k8s.io", "EndpointSlice") => EndpointSliceStrategy.Instance,
        ("storage.k8s.io", "StorageClass") => StorageClassStrategy.Instance,
        ("coordination.k8s.io", "Lease") => LeaseStrategy.Instance,
        ("scheduling.k8s.io", "PriorityClass") => PriorityClassStrategy.Instance,
        ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration") => WebhookConfigurationStrategy.Validating,
        ("admissionregistration.k8s.io", "MutatingWebhookConfiguration") => WebhookConfigurationStrategy.Mutating,
        _ => ResourceStrategy.Default,
    };
}
