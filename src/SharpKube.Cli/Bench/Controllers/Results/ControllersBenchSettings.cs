namespace SharpKube.Cli.Bench.Controllers.Results;

/// <summary>The workload of a run.</summary>
/// <param name="Deployments">Deployments created at once.</param>
/// <param name="Replicas">Replicas of each.</param>
/// <param name="Pods">Pods asked for in all.</param>
/// <param name="Clients">Concurrent clients creating and deleting the Deployments.</param>
/// <param name="TimeoutSeconds">How long each phase could take.</param>
/// <param name="Namespace">The run's namespace.</param>
/// <param name="Image">The pods' image (never pulled: no node runs them).</param>
/// <param name="Datastore">The API server's datastore.</param>
internal sealed record ControllersBenchSettings(
    int Deployments, int Replicas, long Pods, int Clients, double TimeoutSeconds, string Namespace, string Image, string Datastore);
