using k8s.Models;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// The ConfigMaps and Secrets a pod's environment and volumes refer to, looked up by namespace and name. The kubelet
/// answers from its informers or the API server; a lookup returns null when the object does not exist.
/// </summary>
public sealed class ReferencedObjects(
    Func<string, string, CancellationToken, Task<V1ConfigMap?>> configMap,
    Func<string, string, CancellationToken, Task<V1Secret?>> secret)
{
    /// <summary>The ConfigMap <paramref name="namespaceName"/>/<paramref name="name"/>, or null when there is none.</summary>
    public Task<V1ConfigMap?> GetConfigMapAsync(string namespaceName, string name, CancellationToken cancellationToken) =>
        configMap(namespaceName, name, cancellationToken);

    /// <summary>The Secret <paramref name="namespaceName"/>/<paramref name="name"/>, or null when there is none.</summary>
    public Task<V1Secret?> GetSecretAsync(string namespaceName, string name, CancellationToken cancellationToken) =>
        secret(namespaceName, name, cancellationToken);
}
