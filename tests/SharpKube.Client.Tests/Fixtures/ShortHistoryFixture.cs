using SharpKube.ApiServer.Http;

namespace SharpKube.Client.Tests.Fixtures;

/// <summary>A server whose watch cache keeps only its minimum history, so an old resourceVersion soon answers 410.</summary>
public sealed class ShortHistoryFixture : ApiServerFixture
{
    protected override ApiServerSettings Settings => new() { WatchHistoryRetention = TimeSpan.Zero };
}
