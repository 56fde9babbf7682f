using k8s.Models;
using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Containers;

/// <summary>
/// The ConfigMaps and Secrets one container's environment refers to, each looked up once, with upstream's messages
/// for a missing one that is not optional.
/// </summary>
internal sealed class ReferenceCache(ReferencedObjects objects, string namespaceName)
{
    private readonly Dictionary<string, V1ConfigMap?> _configMaps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, V1Secret?> _secrets = new(StringComparer.Ordinal);

    /// <summary>The pod's namespace, where every reference is looked up.</summary>
    public string Namespace => namespaceName;

    /// <summary>The ConfigMap, or null when it is missing and optional; throws when it is missing and required.</summary>
    public async Task<V1ConfigMap?> ConfigMapAsync(string name, bool optional, CancellationToken cancellationToken)
    {
        if (!_configMaps.TryGetValue(name, out var configMap))
        {
            configMap = await objects.GetConfigMapAsync(namespaceName, name, cancellationToken).ConfigureAwait(false);
            _configMaps[name] = configMap;
        }
        return configMap is null && !optional ? throw new ContainerConfigException($"configmap \"{name}\" not found") : configMap;
    }

    /// <summary>The Secret, or null when it is missing and optional; throws when it is missing and required.</summary>
    public async Task<V1Secret?> SecretAsync(string name, bool optional, CancellationToken cancellationToken)
    {
        if (!_secrets.TryGetValue(name, out var secret))
        {
            secret = await objects.GetSecretAsync(namespaceName, name, cancellationToken).ConfigureAwait(false);
            _secrets[name] = secret;
        }
        return secret is null && !optional ? throw new ContainerConfigException($"secret \"{name}\" not found") : secret;
    }
}
