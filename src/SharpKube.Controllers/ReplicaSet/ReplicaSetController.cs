using k8s.Models;
using SharpKube.Controllers.Manager;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>
/// The ReplicaSet controller (<c>replicaset</c>): keeps <c>spec.replicas</c> pods of each ReplicaSet's template,
/// adopting matching orphans and releasing pods that stop matching, and reports their status.
/// </summary>
public sealed class ReplicaSetController(ControllerContext context) : IController
{
    private readonly ReplicaController<V1ReplicaSet> _core = new(context, new ReplicaSetKind());

    /// <inheritdoc/>
    public string Name => _core.Name;

    /// <inheritdoc/>
    public Task RunAsync(CancellationToken cancellationToken) => _core.RunAsync(cancellationToken);
}
