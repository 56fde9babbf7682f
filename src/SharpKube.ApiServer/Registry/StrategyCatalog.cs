using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiServer.Registry.CronJobs;
using SharpKube.ApiServer.Registry.DaemonSets;
using SharpKube.ApiServer.Registry.Deployments;
using SharpKube.ApiServer.Registry.Jobs;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.PodTemplates;
using SharpKube.ApiServer.Registry.ReplicaSets;
using SharpKube.ApiServer.Registry.ReplicationControllers;
using SharpKube.ApiServer.Registry.Services;
using SharpKube.ApiServer.Registry.StatefulSets;

namespace SharpKube.ApiServer.Registry;

/// <summary>Maps each resource to its strategy.</summary>
public static class StrategyCatalog
{
    /// <summary>The strategy for a resource; <see cref="ResourceStrategy.Default"/> when it has no particular rules.</summary>
    public static ResourceStrategy For(ResourceDefinition resource) => (resource.Group, resource.Kind) switch
    {
        ("", "Pod") => PodStrategy.Instance,
        ("", "PodTemplate") => PodTemplateStrategy.Instance,
        ("", "Service") => ServiceStrategy.Instance,
        ("", "ReplicationController") => ReplicationControllerStrategy.Instance,
        ("apps", "Deployment") => DeploymentStrategy.Instance,
        ("apps", "ReplicaSet") => ReplicaSetStrategy.Instance,
        ("apps", "StatefulSet") => StatefulSetStrategy.Instance,
        ("apps", "DaemonSet") => DaemonSetStrategy.Instance,
        ("batch", "Job") => JobStrategy.Instance,
        ("batch", "CronJob") => CronJobStrategy.Instance,
        _ => ResourceStrategy.Default,
    };
}
