using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// A list/watch over all namespaces narrowed twice: on the server by selectors, then here by a function that keeps
/// only the fleet's objects and trims them to the fields the fleet reads (client-go's informer transform), so that
/// 50,000 pods of other nodes cost neither cache memory nor handler work. An event about an object the function
/// drops still moves the informer's resourceVersion on, as a bookmark.
/// </summary>
internal static class FleetListWatch
{
    /// <summary>
    /// Lists and watches <paramref name="client"/>'s resource matching the selectors, keeping what
    /// <paramref name="keep"/> returns (null: not the fleet's).
    /// </summary>
    public static ListWatch<T> Create<T>(ResourceClient<T> client, string? labelSelector, string? fieldSelector, Func<T, T?> keep)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(
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
