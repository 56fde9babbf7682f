using k8s.Models;
using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Containers;

/// <summary>What a container's environment is built from besides the pod itself.</summary>
/// <param name="Objects">Where the ConfigMaps and Secrets the container refers to are looked up.</param>
/// <param name="NamespaceServices">The services of the pod's namespace (used when <c>enableServiceLinks</c> is not false).</param>
/// <param name="KubernetesService">The <c>kubernetes</c> service of the <c>default</c> namespace, if known; always exposed.</param>
/// <param name="PodIPs">The sandbox's IPs (the first is <c>status.podIP</c>); empty to use the pod's status.</param>
/// <param name="HostIPs">The node's IPs (the first is <c>status.hostIP</c>); empty to use the pod's status.</param>
/// <param name="NodeAllocatable">The node's allocatable resources: the value of a limit the container leaves unset.</param>
public sealed record ContainerEnvironmentSources(
    ReferencedObjects Objects,
    IReadOnlyList<V1Service> NamespaceServices,
    V1Service? KubernetesService,
    IReadOnlyList<string> PodIPs,
    IReadOnlyList<string> HostIPs,
    IDictionary<string, ResourceQuantity>? NodeAllocatable);
