using System.Collections.Concurrent;
using k8s;
using k8s.Autorest;
using k8s.Models;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.GarbageCollector;

/// <summary>
/// Live reads and writes of any object by its <see cref="ObjectIdentity"/> — the garbage collector never acts on
/// its cache alone. Objects are read as metadata only.
/// </summary>
public sealed class LiveObjects(Kubernetes client, ResourceMapper mapper)
{
    private readonly ConcurrentDictionary<ApiResource, ResourceClient<PartialObjectMetadata>> _clients = new();

    /// <summary>
    /// The identity with the namespace its kind allows: none for a cluster-scoped kind (owner references carry no
    /// namespace; a namespaced owner lives in its dependent's).
    /// </summary>
    public ObjectIdentity Normalize(ObjectIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return mapper.Find(identity.ApiVersion, identity.Kind).Namespaced ? identity : identity with { Namespace = "" };
    }

    /// <summary>True when the identity's kind is namespaced.</summary>
    public bool IsNamespaced(ObjectIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return mapper.Find(identity.ApiVersion, identity.Kind).Namespaced;
    }

    /// <summary>The object at the identity's coordinates (whatever its uid), or null.</summary>
    public Task<PartialObjectMetadata?> GetAsync(ObjectIdentity identity, CancellationToken cancellationToken)
    {
        var (resourceClient, ns) = ClientFor(identity);
        return resourceClient.GetAsync(ns, identity.Name, cancellationToken);
    }

    /// <summary>
    /// Deletes the object if it still has the identity's uid, with <paramref name="propagationPolicy"/>. Gone already
    /// (404, or another uid: 409) is success.
    /// </summary>
    public async Task DeleteAsync(ObjectIdentity identity, string propagationPolicy, CancellationToken cancellationToken)
    {
        var (resourceClient, ns) = ClientFor(identity);
        try
        {
            await resourceClient.DeleteAsync(ns, identity.Name, new V1DeleteOptions
            {
                PropagationPolicy = propagationPolicy,
                Preconditions = new V1Preconditions { Uid = identity.Uid },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (ApiErrors.IsNotFound(e) || ApiErrors.IsConflict(e))
        {
        }
    }

    /// <summary>Patches the object; null when it is gone.</summary>
    public async Task<PartialObjectMetadata?> PatchAsync(ObjectIdentity identity, V1Patch patch, CancellationToken cancellationToken)
    {
        var (resourceClient, ns) = ClientFor(identity);
        try
        {
            return await resourceClient.PatchAsync(ns, identity.Name, patch, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    private (ResourceClient<PartialObjectMetadata> Client, string? Namespace) ClientFor(ObjectIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var resource = mapper.Find(identity.ApiVersion, identity.Kind);
        var resourceClient = _clients.GetOrAdd(resource, r => new ResourceClient<PartialObjectMetadata>(client, r));
        return (resourceClient, resource.Namespaced ? identity.Namespace : null);
    }
}
