namespace SharpKube.Controllers.Manager;

/// <summary>Every controller the controller manager can run, by name, with how to build it.</summary>
public static class ControllerCatalog
{
    /// <summary>The controllers, in the order they start.</summary>
    public static IReadOnlyList<(string Name, Func<ControllerContext, IController> Create)> All { get; } =
    [
        ("namespace", c => new Namespace.NamespaceController(c)),
        ("serviceaccount", c => new ServiceAccount.ServiceAccountController(c)),
        ("nodeipam", c => new NodeIpam.NodeIpamController(c)),
        ("nodelifecycle", c => new NodeLifecycle.NodeLifecycleController(c)),
        ("taint-eviction-controller", c => new TaintEviction.TaintEvictionController(c)),
        ("endpoint", c => new Endpoints.EndpointsController(c)),
        ("endpointslice", c => new EndpointSlice.EndpointSliceController(c)),
        ("replicaset", c => new ReplicaSet.ReplicaSetController(c)),
        ("replicationcontroller", c => new ReplicationController.ReplicationManager(c)),
        ("garbagecollector", c => new GarbageCollector.GarbageCollector(c)),
        ("deployment", c => new Deployment.DeploymentController(c)),
        ("servicelb", c => new ServiceLoadBalancer.ServiceLoadBalancerController(c)),
    ];
}
