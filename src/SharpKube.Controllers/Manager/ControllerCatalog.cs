namespace SharpKube.Controllers.Manager;

/// <summary>Every controller the controller manager can run, by name, with how to build it.</summary>
public static class ControllerCatalog
{
    /// <summary>The controllers, in the order they start.</summary>
    public static IReadOnlyList<(string Name, Func<ControllerContext, IController> Create)> All { get; } =
    [
        ("deployment", c => new Deployment.DeploymentController(c)),
    ];
}
