using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SharpKube.Kubelet.Cni;
using SharpKube.Kubelet.Containerd;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Tests.Containerd;

public sealed class ManagedContainerdTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartAsync_ServesCriV1_AndNetworkIsReadyOnlyOnceTheConflistIsWritten()
    {
        await using var fixture = new ContainerdFixture();
        await fixture.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;

        var version = await fixture.Cri.Runtime.VersionAsync(new VersionRequest { Version = "v1" }, cancellationToken: ct);
        Assert.Equal("v1", version.RuntimeApiVersion);
        Assert.Equal("containerd", version.RuntimeName);
        var status = await fixture.Cri.Runtime.StatusAsync(new StatusRequest(), cancellationToken: ct);
        Assert.True(Condition(status, "RuntimeReady"));
        Assert.False(Condition(status, "NetworkReady"));

        var network = new CniNetworkOptions("10.42.0.0/24", fixture.AgentDir) { BridgeName = "skt" + Path.GetFileName(fixture.AgentDir)[4..] };
        Assert.True(await CniConfig.WriteAsync(fixture.Containerd.CniConfDir, network, ct));

        await EventuallyAsync(async () =>
            Condition(await fixture.Cri.Runtime.StatusAsync(new StatusRequest(), cancellationToken: ct), "NetworkReady"));
    }

    [Fact]
    public async Task KillingContainerd_RestartsItWithANewPid()
    {
        await using var fixture = new ContainerdFixture();
        await fixture.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        var firstPid = fixture.Containerd.Pid;

        ContainerdProcess.Signal(firstPid, ContainerdProcess.SigKill);

        await EventuallyAsync(() => Task.FromResult(fixture.Containerd.Restarts == 1));
        Assert.NotEqual(firstPid, fixture.Containerd.Pid);
        // The restarted process may still be on its way to running containerd with the config when the count moves.
        await EventuallyAsync(() => Task.FromResult(ContainerdProcess.RunsWithConfig(fixture.Containerd.Pid, fixture.Containerd.Config.ConfigPath)));
        var version = await fixture.Cri.WaitUntilServingAsync(Deadline, ct);
        Assert.Equal("v1", version.RuntimeApiVersion);
        Assert.Single(fixture.Logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("restarting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DisposeAsync_LeavesNoContainerdOfTheAgentDir()
    {
        await using var fixture = new ContainerdFixture();
        await fixture.InitializeAsync();
        var pid = fixture.Containerd.Pid;
        Assert.Contains(pid, ContainerdFixture.ProcessesMentioning(fixture.AgentDir + "/"));

        await fixture.Containerd.DisposeAsync();

        Assert.Empty(ContainerdFixture.ProcessesMentioning(fixture.AgentDir + "/"));
        Assert.False(File.Exists(fixture.Containerd.Config.PidFilePath));
        Assert.Equal(0, fixture.Containerd.Restarts);
    }

    [Fact]
    public async Task StartAsync_StopsAStaleContainerdOfTheSameAgentDir()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = new ContainerdFixture();
        // What a crashed agent leaves behind: a containerd of this directory, nobody supervising it, and its pid file.
        var config = new ContainerdConfig(fixture.AgentDir);
        await config.WriteAsync(ct);
        using var stale = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "exec containerd --config \"$0\" >/dev/null 2>&1", config.ConfigPath]))!;
        await File.WriteAllTextAsync(config.PidFilePath, stale.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        await EventuallyAsync(() => Task.FromResult(File.Exists(config.SocketPath)));

        await fixture.InitializeAsync();

        Assert.True(stale.HasExited);
        Assert.NotEqual(stale.Id, fixture.Containerd.Pid);
        Assert.Contains(fixture.Logger.Entries, entry => entry.Message.Contains($"stale containerd (pid {stale.Id})", StringComparison.Ordinal));
        var status = await fixture.Cri.Runtime.StatusAsync(new StatusRequest(), cancellationToken: ct);
        Assert.True(Condition(status, "RuntimeReady"));
    }

    [Fact]
    public async Task StartAsync_WhenContainerdCannotRun_FailsWithItsExitCode()
    {
        var agentDir = Path.Combine("/tmp", "skc-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var options = new ManagedContainerdOptions { AgentDir = agentDir, ContainerdPath = "/nonexistent/containerd" };

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                ManagedContainerd.StartAsync(options, new RecordingLogger(), TestContext.Current.CancellationToken));

            Assert.Contains("exited with code 127", error.Message);
        }
        finally
        {
            Directory.Delete(agentDir, recursive: true);
        }
    }

    private static bool Condition(StatusResponse status, string type) =>
        status.Status.Conditions.Single(condition => condition.Type == type).Status;

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(stopwatch.Elapsed < Deadline, $"Condition not met within {Deadline.TotalSeconds} s.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
