using k8s;
using k8s.Models;
using SharpKube.Client.Resources;

namespace SharpKube.Client.Informers;

/// <summary>
/// The two calls an informer needs: list everything it follows, and watch it from a resourceVersion. Usually
/// built from a <see cref="ResourceClient{T}"/> with a namespace and selectors; any pair of functions will do.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class ListWatch<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>A list/watch pair from two functions.</summary>
    public ListWatch(Func<ListRequest, CancellationToken, Task<ResourceList<T>>> listFunc,
        Func<WatchRequest, CancellationToken, IAsyncEnumerable<WatchEvent<T>>> watchFunc)
    {
        ListFunc = listFunc ?? throw new ArgumentNullException(nameof(listFunc));
        WatchFunc = watchFunc ?? throw new ArgumentNullException(nameof(watchFunc));
    }

    /// <summary>
    /// Lists and watches <paramref name="client"/>'s resource in <paramref name="ns"/> (all namespaces when null),
    /// limited to the objects matching the selectors when given.
    /// </summary>
    public ListWatch(ResourceClient<T> client, string? ns = null, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ListFunc = (request, ct) => client.ListAsync(ns, request with { LabelSelector = labelSelector, FieldSelector = fieldSelector }, ct);
        WatchFunc = (request, ct) => client.WatchAsync(ns, request with { LabelSelector = labelSelector, FieldSelector = fieldSelector }, ct);
    }

    /// <summary>Lists one page.</summary>
    public Func<ListRequest, CancellationToken, Task<ResourceList<T>>> ListFunc { get; }

    /// <summary>Opens a watch.</summary>
    public Func<WatchRequest, CancellationToken, IAsyncEnumerable<WatchEvent<T>>> WatchFunc { get; }
}
