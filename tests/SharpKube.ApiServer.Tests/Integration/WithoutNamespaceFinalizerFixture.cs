namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>An API server that leaves deleted namespaces Terminating (its stopgap namespace finalizer is off), as under a controller manager.</summary>
public sealed class WithoutNamespaceFinalizerFixture : ApiServerFixture
{
    /// <inheritdoc/>
    protected override ApiServer.Hosting.ApiServerOptions Options => base.Options with { FinalizeNamespaces = false };
}
