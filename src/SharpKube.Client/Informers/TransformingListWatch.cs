using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using SharpKube.Client.Resources;

namespace SharpKube.Client.Informers;

/// <summary>
/// A list/watch over all namespaces narrowed twice: on the server by selectors, then here by a function that keeps
/// only the objects the caller wants and trims them to the fields it reads (client-go's informer transform), so that
/// what the caller ignores costs neither cache memory nor handler work. An event about an object the function drops
/// still moves the informer's resourceVersion on, as a bookmark.
/// </summary>
public static class TransformingListWatch
{
    /// <summary>
    /// Lists and watches <paramref name="client"/>'s resource matching the selectors, keeping what
    /// <paramref name="keep"/> returns (null: drop the object). <paramref name="keep"/> may change and return the
    /// object it is given: every object is freshly decoded and seen by nobody else.
    /// </summary>
    public static ListWatch<T> Create<T>(ResourceClient<T> client, string? labelSelector, string? fieldSelector, Func<T, T?> keep)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(keep);
        return new(
            async (request, ct) =>
            {
                var page = await client.ListAsync(null, request with { LabelSelector = labelSelector, FieldSelector = fieldSelector }, ct)
                    .ConfigureAwait(false);
                var items = new List<T>(page.Items.Count);
                foreach (var item in page.Items)
                {
                    if (keep(item) is { } kept)
                    {
                        items.Add(kept);
                    }
                }
                return page with { Items = items };
            },
            (request, ct) => WatchAsync(client, request with { LabelSelector = labelSelector, FieldSelector = fieldSelector }, keep, ct));
    }

    /// <summary>The transform that drops <c>metadata.managedFields</c>, which no controller or scheduler reads (upstream's informers drop them too).</summary>
    public static T WithoutManagedFields<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.Metadata is { } metadata)
        {
            metadata.ManagedFields = null;
        }
        return obj;
    }

    private static async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ResourceClient<T> client, WatchRequest request, Func<T, T?> keep,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        await foreach (var change in client.WatchAsync(null, request, cancellationToken).ConfigureAwait(false))
        {
            if (change.Type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted && change.Object is { } obj)
            {
                // The informer reads only metadata.resourceVersion from a bookmark's object.
                yield return keep(obj) is { } kept ? change with { Object = kept } : new WatchEvent<T>(WatchEventType.Bookmark, obj, null);
            }
            else
            {
                yield return change;
            }
        }
    }
}
