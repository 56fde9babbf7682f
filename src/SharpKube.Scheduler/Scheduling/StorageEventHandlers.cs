using k8s;
using k8s.Models;
using SharpKube.Client.Informers;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Queue;

namespace SharpKube.Scheduler.Scheduling;

/// <summary>
/// Retries unschedulable pods when storage objects are added or changed (upstream's handlers for PersistentVolumes,
/// PersistentVolumeClaims and StorageClasses), following only the resources some plugin registered events for, so a
/// profile without VolumeBinding runs no storage informers.
/// </summary>
internal static class StorageEventHandlers
{
    /// <summary>Registers the handlers the <paramref name="registered"/> events ask for; dispose the result to unregister.</summary>
    public static IReadOnlyList<IEventHandlerRegistration> Register(SharedInformerFactory informers, SchedulingQueue queue,
        IEnumerable<ClusterEvent> registered)
    {
        var resources = registered.Select(e => e.Resource).ToHashSet();
        var registrations = new List<IEventHandlerRegistration>();
        if (resources.Contains(EventResource.PersistentVolumeClaim))
        {
            registrations.Add(Follow<V1PersistentVolumeClaim>(informers, queue, EventResource.PersistentVolumeClaim));
        }
        if (resources.Contains(EventResource.PersistentVolume))
        {
            registrations.Add(Follow<V1PersistentVolume>(informers, queue, EventResource.PersistentVolume));
        }
        if (resources.Contains(EventResource.StorageClass))
        {
            registrations.Add(Follow<V1StorageClass>(informers, queue, EventResource.StorageClass));
        }
        return registrations;
    }

    private static IEventHandlerRegistration Follow<T>(SharedInformerFactory informers, SchedulingQueue queue, EventResource resource)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var added = new ClusterEvent(resource, ActionType.Add, resource + "Add");
        var updated = new ClusterEvent(resource, ActionType.Update, resource + "Update");
        return informers.Informer<T>().AddEventHandler(new ResourceEventHandler<T>
        {
            OnAdd = _ => queue.MoveAllToActiveOrBackoffQueue(added),
            OnUpdate = (_, _) => queue.MoveAllToActiveOrBackoffQueue(updated),
        });
    }
}
