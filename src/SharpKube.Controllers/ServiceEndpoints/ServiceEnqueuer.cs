using k8s.Models;
using SharpKube.Client.Informers;
using SharpKube.Client.WorkQueues;

namespace SharpKube.Controllers.ServiceEndpoints;

/// <summary>
/// Turns Service and Pod events into service keys on a queue: a pod change concerns every service in its
/// namespace that selected it before or selects it now.
/// </summary>
public sealed class ServiceEnqueuer
{
    private readonly Indexer<V1Service> _services;
    private readonly RateLimitingQueue<string> _queue;

    /// <summary>Creates the enqueuer over the services cache and the controller's queue.</summary>
    public ServiceEnqueuer(Indexer<V1Service> services, RateLimitingQueue<string> queue)
    {
        _services = services;
        _queue = queue;
    }

    /// <summary>Handlers for the services informer.</summary>
    public ResourceEventHandler<V1Service> ServiceHandler => new()
    {
        OnAdd = s => _queue.Add(MetaNamespaceKey.For(s)),
        OnUpdate = (_, s) => _queue.Add(MetaNamespaceKey.For(s)),
        OnDelete = s => _queue.Add(MetaNamespaceKey.For(s)),
    };

    /// <summary>Handlers for the pods informer.</summary>
    public ResourceEventHandler<V1Pod> PodHandler => new()
    {
        OnAdd = p => EnqueueFor(p, null),
        OnUpdate = (old, p) =>
        {
            if (old.Metadata?.ResourceVersion != p.Metadata?.ResourceVersion)
            {
                EnqueueFor(p, old);
            }
        },
        OnDelete = p => EnqueueFor(p, null),
    };

    private void EnqueueFor(V1Pod pod, V1Pod? old)
    {
        var ns = pod.Metadata?.NamespaceProperty ?? "";
        foreach (var service in _services.List(ns))
        {
            if (ServicePods.Selects(service, pod.Metadata?.Labels) || (old is not null && ServicePods.Selects(service, old.Metadata?.Labels)))
            {
                _queue.Add(MetaNamespaceKey.For(service));
            }
        }
    }
}
