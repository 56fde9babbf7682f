using SharpKube.Kubelet.Cni;
using SharpKube.Kubelet.Tests.Images;

namespace SharpKube.Kubelet.Tests.Cni;

public sealed class PodEgressMasqueradeTests : IAsyncLifetime
{
    private const string Bridge = "sktest-masq";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Chain => PodEgressMasquerade.ChainName(Bridge);

    [Fact]
    public async Task Apply_WritesOneChainAndOnePostroutingJump_AndAgainChangesNothing()
    {
        await PodEgressMasquerade.ApplyAsync("10.99.0.0/24", Bridge, Ct);
        await PodEgressMasquerade.ApplyAsync("10.99.0.0/24", Bridge, Ct);

        Assert.Equal(
        [
            $"-A {Chain} -d 10.99.0.0/24 -j RETURN",
            $"-A {Chain} -d 224.0.0.0/4 -j RETURN",
            $"-A {Chain} -j MASQUERADE",
        ], await ChainRulesAsync());
        Assert.Equal([$"-A POSTROUTING -s 10.99.0.0/24 -m comment --comment \"sharpkube: pods on {Bridge} to outside their network\" -j {Chain}"],
            await JumpsAsync());
    }

    [Fact]
    public async Task Apply_ForAnotherCidr_ReplacesTheRulesAndTheJump()
    {
        await PodEgressMasquerade.ApplyAsync("10.99.0.0/24", Bridge, Ct);
        await PodEgressMasquerade.ApplyAsync("10.98.4.0/22", Bridge, Ct);

        Assert.Equal($"-A {Chain} -d 10.98.4.0/22 -j RETURN", (await ChainRulesAsync())[0]);
        Assert.Equal(3, (await ChainRulesAsync()).Count);
        Assert.Contains("-s 10.98.4.0/22 ", Assert.Single(await JumpsAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_LeavesNothingOfTheBridgesRules()
    {
        await PodEgressMasquerade.ApplyAsync("10.99.0.0/24", Bridge, Ct);

        await PodEgressMasquerade.RemoveAsync(Bridge, Ct);
        await PodEgressMasquerade.RemoveAsync(Bridge, Ct);

        Assert.DoesNotContain(await NatRulesAsync(), line => line.Contains(Chain, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("10.99.0.1/24", "sktest-masq")]
    [InlineData("10.99.0.0/24", "a-bridge-name-too-long")]
    [InlineData("fd00::/64", "sktest-masq")]
    public async Task Apply_WithAnUnusableCidrOrBridge_IsRefusedBeforeAnyRuleIsWritten(string cidr, string bridge)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => PodEgressMasquerade.ApplyAsync(cidr, bridge, Ct));

        Assert.DoesNotContain(await NatRulesAsync(), line => line.Contains(PodEgressMasquerade.ChainName(bridge), StringComparison.Ordinal));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await PodEgressMasquerade.RemoveAsync(Bridge, CancellationToken.None);

    private static async Task<List<string>> NatRulesAsync()
    {
        var result = await ChildProcess.RunAsync("iptables", "-w", "-t", "nat", "-S");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static async Task<List<string>> ChainRulesAsync() =>
        [.. (await NatRulesAsync()).Where(line => line.StartsWith($"-A {Chain} ", StringComparison.Ordinal))];

    private static async Task<List<string>> JumpsAsync() =>
        [.. (await NatRulesAsync()).Where(line => line.StartsWith("-A POSTROUTING ", StringComparison.Ordinal) && line.EndsWith(" -j " + Chain, StringComparison.Ordinal))];
}
