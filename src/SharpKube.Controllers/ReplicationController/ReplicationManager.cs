using k8s.Models;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.ReplicaSet;

namespace SharpKube.Controllers.ReplicationController;

/// <summary>
/// The ReplicationController controller (<c>replicationcontroller</c>, upstream's ReplicationManager): the
/// ReplicaSet controller's core over ReplicationControllers, with events from <c>replication-controller</c>.
/// </summary>
public sealed class ReplicationManager(ControllerContext context) : IController
{
    private readonly ReplicaController<V1ReplicationController> _core = new(context, new ReplicationControllerKind());

    /// <inheritdoc/>
    public string Name => _core.Name;

    /// <inheritdoc/>
    public Task RunAsync(CancellationToken cancellationToken) => _core.RunAsync(cancellationToken);
}
