using SharpKube.ApiServer.Hosting;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>A test API server started with other default toleration seconds: 60 for not-ready, 120 for unreachable.</summary>
public sealed class CustomTolerationSecondsFixture : ApiServerFixture
{
    protected override ApiServerOptions Options => base.Options with
    {
        DefaultNotReadyTolerationSeconds = 60,
        DefaultUnreachableTolerationSeconds = 120,
    };
}
