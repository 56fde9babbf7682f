using SharpKube.ApiServer.Http;

namespace SharpKube.Client.Tests.Fixtures;

/// <summary>A server that sends watch bookmarks every 200 ms instead of every minute.</summary>
public sealed class FrequentBookmarksFixture : ApiServerFixture
{
    protected override ApiServerSettings Settings => new() { BookmarkInterval = TimeSpan.FromMilliseconds(200) };
}
