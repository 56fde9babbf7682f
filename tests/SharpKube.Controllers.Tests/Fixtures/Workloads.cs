using k8s.Models;

namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>Objects the controller tests create.</summary>
public static class Workloads
{
    /// <summary>A ReplicaSet selecting <c>app=&lt;name&gt;</c> whose template adds <c>tier=front</c> and an annotation.</summary>
    public static V1ReplicaSet ReplicaSet(string name, int replicas, int minReadySeconds = 0) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ReplicaSetSpec
        {
            Replicas = replicas,
            MinReadySeconds = minReadySeconds,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = Template(name),
        },
    };

    /// <summary>A ReplicationController selecting <c>app=&lt;name&gt;</c>.</summary>
    public static V1ReplicationController ReplicationController(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ReplicationControllerSpec
        {
            Replicas = replicas,
            Selector = new Dictionary<string, string> { ["app"] = name },
            Template = Template(name),
        },
    };

    /// <summary>A pod template labelled <c>app=&lt;app&gt;,tier=front</c>, annotated, with one busybox container.</summary>
    public static V1PodTemplateSpec Template(string app) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Labels = new Dictionary<string, string> { ["app"] = app, ["tier"] = "front" },
            Annotations = new Dictionary<string, string> { ["example.com/note"] = "from-template" },
        },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "app", Image = "busybox:1.35", Command = ["sleep", "3600"] }],
        },
    };

    /// <summary>A bare pod with the given labels and owner references.</summary>
    public static V1Pod Pod(string name, IDictionary<string, string> labels, params V1OwnerReference[] owners) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels, OwnerReferences = owners.Length == 0 ? null : owners },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "busybox:1.35" }] },
    };

    /// <summary>A ConfigMap, e.g. as an owner or dependent in garbage collection tests.</summary>
    public static V1ConfigMap ConfigMap(string name, params V1OwnerReference[] owners) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, OwnerReferences = owners.Length == 0 ? null : owners },
    };

    /// <summary>An owner reference to <paramref name="owner"/>.</summary>
    public static V1OwnerReference OwnerReference(k8s.IKubernetesObject<V1ObjectMeta> owner, string apiVersion, string kind,
        bool controller = false, bool blockOwnerDeletion = false) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid,
        Controller = controller,
        BlockOwnerDeletion = blockOwnerDeletion,
    };
}
