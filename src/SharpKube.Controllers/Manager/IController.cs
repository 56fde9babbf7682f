namespace SharpKube.Controllers.Manager;

/// <summary>One controller: it registers its informer handlers when built and reconciles until cancelled.</summary>
public interface IController
{
    /// <summary>The controller's name, as <c>--controllers</c> spells it (e.g. <c>replicaset</c>).</summary>
    string Name { get; }

    /// <summary>Runs the controller's workers until <paramref name="cancellationToken"/> is cancelled; called after the informers have synced.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
