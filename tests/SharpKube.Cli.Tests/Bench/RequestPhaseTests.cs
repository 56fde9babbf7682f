using SharpKube.Cli.Bench;
using SharpKube.Cli.Bench.ApiServer.Phases;
using SharpKube.Cli.Bench.ApiServer.Target;

namespace SharpKube.Cli.Tests.Bench;

public sealed class RequestPhaseTests
{
    [Fact]
    public async Task WarmUpSlowerThanThePhase_StillLeavesThePhaseItsWholeDuration()
    {
        // 20 warm-up requests of 20 ms each take longer than the 100 ms phase: on a loaded machine the API server
        // bench's warm-up once used up a whole 1 s phase, which then measured no request at all.
        var client = new SlowClient(TimeSpan.FromMilliseconds(20));
        await using var server = new ExternalServer(new Uri("https://127.0.0.1:6443"), "unused.kubeconfig");

        var result = await RequestPhase.RunAsync(
            "get", [client], warmUpRequests: 20, () => PhaseStop.After(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken), server);

        Assert.True(result.Requests > 0, "no request was measured");
        // The phase's timer and its stopwatch start a moment apart, so a few milliseconds either way are the clock's.
        Assert.True(result.Seconds >= 0.09, $"the phase ran {result.Seconds} s, less than its duration");
    }

    private sealed class SlowClient(TimeSpan delay) : RequestClient
    {
        protected override Task SendAsync() => Task.Delay(delay, TestContext.Current.CancellationToken);
    }
}
