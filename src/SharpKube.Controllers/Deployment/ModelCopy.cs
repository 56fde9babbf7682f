using k8s;

namespace SharpKube.Controllers.Deployment;

/// <summary>Deep copies of KubernetesClient models: objects from an informer's cache are shared and never mutated.</summary>
internal static class ModelCopy
{
    /// <summary>A deep copy of <paramref name="value"/>, through its JSON.</summary>
    public static T Deep<T>(T value)
        where T : class =>
        KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));
}
