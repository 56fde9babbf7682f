using k8s.Models;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Sandbox;

/// <summary>
/// The Linux namespaces a pod's sandbox and containers share, as upstream chooses them: network and IPC are the pod's
/// own unless hostNetwork/hostIPC put them on the node; PID is per container unless hostPID (node) or
/// shareProcessNamespace (pod).
/// </summary>
/// <remarks>Deliberate difference: no user namespaces (<c>hostUsers: false</c> is not supported).</remarks>
public static class PodNamespaces
{
    /// <summary>The namespace options for <paramref name="pod"/>; sandbox and containers get the same.</summary>
    public static NamespaceOption For(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var spec = pod.Spec;
        return new NamespaceOption
        {
            Network = spec?.HostNetwork == true ? NamespaceMode.Node : NamespaceMode.Pod,
            Ipc = spec?.HostIPC == true ? NamespaceMode.Node : NamespaceMode.Pod,
            Pid = spec?.HostPID == true ? NamespaceMode.Node
                : spec?.ShareProcessNamespace == true ? NamespaceMode.Pod
                : NamespaceMode.Container,
        };
    }
}
