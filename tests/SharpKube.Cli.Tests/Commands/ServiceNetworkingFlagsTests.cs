namespace SharpKube.Cli.Tests.Commands;

/// <summary>The service proxy's and cluster DNS's flags, on their own commands and on server, agent and bench: garbage gets one clear line.</summary>
public sealed class ServiceNetworkingFlagsTests
{
    [Theory]
    [InlineData(new[] { "proxy" }, "Option '--kubeconfig' is required (except with --cleanup)")]
    [InlineData(new[] { "proxy", "--kubeconfig", "/no/such/kubeconfig" }, "--kubeconfig: there is no file \"/no/such/kubeconfig\"")]
    [InlineData(new[] { "proxy", "--cleanup", "--proxy-mode", "ipvs" }, "'ipvs'")]
    [InlineData(new[] { "proxy", "--kubeconfig", "{self}", "--metrics-bind-address", "nonsense" }, "--metrics-bind-address: \"nonsense\" is not HOST:PORT")]
    [InlineData(new[] { "dns" }, "Option '--kubeconfig' is required")]
    [InlineData(new[] { "dns", "--kubeconfig", "{self}", "--bind-address", "x" }, "--bind-address: \"x\" is not an IP address")]
    [InlineData(new[] { "dns", "--kubeconfig", "{self}", "--upstream", "a.b" }, "--upstream: \"a.b\" is not IP or IP:PORT")]
    [InlineData(new[] { "dns", "--kubeconfig", "{self}", "--port", "70000" }, "--port: not a port number")]
    [InlineData(new[] { "dns", "--kubeconfig", "{self}", "--register-service" }, "--register-service needs --node-name")]
    [InlineData(new[] { "server", "--proxy-mode", "ipvs" }, "--proxy-mode: \"ipvs\" is not iptables or nftables")]
    [InlineData(new[] { "server", "--resolv-conf", "/no/such/resolv.conf" }, "--resolv-conf: there is no file \"/no/such/resolv.conf\"")]
    [InlineData(new[] { "agent", "--server", "https://127.0.0.1:6443", "--token", "t", "--resolv-conf", "/no/such/resolv.conf" },
        "--resolv-conf: there is no file \"/no/such/resolv.conf\"")]
    [InlineData(new[] { "bench", "proxy", "--services", "0" }, "--services: \"0\" is not a count between 1 and 100000")]
    [InlineData(new[] { "bench", "proxy", "--modes", "ipvs" }, "--modes: \"ipvs\" is not iptables or nftables")]
    public async Task ABadFlag_FailsWithAClearMessage_AndNoStackTrace(string[] args, string message)
    {
        // {self} is a file that exists: the flag after it is the one checked.
        var run = await CliRun.InProcessAsync([.. args.Select(a => a == "{self}" ? typeof(ServiceNetworkingFlagsTests).Assembly.Location : a)]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
