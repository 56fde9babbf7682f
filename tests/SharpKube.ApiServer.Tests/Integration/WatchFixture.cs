using SharpKube.ApiServer.Hosting;
using SharpKube.ApiServer.Http;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>A test API server that sends watch bookmarks every 300 ms.</summary>
public sealed class WatchFixture : ApiServerFixture
{
    public static readonly TimeSpan BookmarkInterval = TimeSpan.FromMilliseconds(300);

    protected override ApiServerOptions Options => base.Options with
    {
        Settings = new ApiServerSettings { BookmarkInterval = BookmarkInterval },
    };
}
