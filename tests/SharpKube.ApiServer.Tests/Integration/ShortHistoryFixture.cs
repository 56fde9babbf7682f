using SharpKube.ApiServer.Hosting;
using SharpKube.ApiServer.Http;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>A test API server whose watch cache keeps only the minimum history, so old resourceVersions expire quickly.</summary>
public sealed class ShortHistoryFixture : ApiServerFixture
{
    protected override ApiServerOptions Options => base.Options with
    {
        Settings = new ApiServerSettings { WatchHistoryRetention = TimeSpan.Zero },
    };
}
