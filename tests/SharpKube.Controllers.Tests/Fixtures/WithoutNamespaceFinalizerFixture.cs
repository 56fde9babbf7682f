namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>An API server that leaves deleted namespaces to the namespace controller.</summary>
public sealed class WithoutNamespaceFinalizerFixture : ApiServerFixture
{
    /// <inheritdoc/>
    protected override bool FinalizeNamespaces => false;
}
