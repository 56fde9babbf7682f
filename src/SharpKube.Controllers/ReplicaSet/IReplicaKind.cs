using k8s;
using k8s.Models;
using SharpKube.ApiMachinery.Selectors;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>
/// A kind of object that keeps a number of replicas of a pod template — ReplicaSet or ReplicationController — as
/// the replica controller core sees it: names, selector, template, and its status in and out.
/// </summary>
/// <typeparam name="TOwner">The model type.</typeparam>
public interface IReplicaKind<TOwner>
    where TOwner : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The controller's name in the catalog, e.g. <c>replicaset</c>.</summary>
    string ControllerName { get; }

    /// <summary>The event source, e.g. <c>replicaset-controller</c>.</summary>
    string Component { get; }

    /// <summary>The kind, e.g. <c>ReplicaSet</c>.</summary>
    string Kind { get; }

    /// <summary>The <c>apiVersion</c> of controller references, e.g. <c>apps/v1</c>.</summary>
    string ApiVersion { get; }

    /// <summary>The compiled selector; throws <see cref="SelectorParseException"/> when it is invalid.</summary>
    LabelSelector Selector(TOwner owner);

    /// <summary>The desired number of replicas (<c>spec.replicas</c>, 1 when unset).</summary>
    int Replicas(TOwner owner);

    /// <summary><c>spec.minReadySeconds</c>.</summary>
    int MinReadySeconds(TOwner owner);

    /// <summary>The pod template, or null.</summary>
    V1PodTemplateSpec? Template(TOwner owner);

    /// <summary>The status as stored.</summary>
    ReplicaStatus StatusOf(TOwner owner);

    /// <summary>A copy of <paramref name="owner"/> (the cached object is never changed) carrying <paramref name="status"/>.</summary>
    TOwner WithStatus(TOwner owner, ReplicaStatus status);
}
