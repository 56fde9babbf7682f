using SharpKube.ApiServer.Hosting;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>The test server over the in-memory datastore, whose watch events reach the cache a moment after a write.</summary>
public sealed class KubectlMemoryDatastoreFixture : ApiServerFixture
{
    /// <inheritdoc/>
    protected override ApiServerOptions Options => base.Options with { Datastore = DatastoreDriver.Memory };
}
