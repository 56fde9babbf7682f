using System.Diagnostics;

namespace SharpKube.Kubelet.Tests.Containerd;

public sealed class ContainerdFixtureTests
{
    [Fact]
    public async Task DisposeAsync_KillsContainersAndShimsContainerdLeftRunning()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = "skc-leak-" + Guid.NewGuid().ToString("N")[..8];
        var cgroupParent = "/" + token;
        var fixture = new ContainerdFixture();
        try
        {
            await fixture.InitializeAsync();
            var rootfs = Path.Combine(fixture.AgentDir, "rootfs");
            Directory.CreateDirectory(Path.Combine(rootfs, "bin"));
            File.Copy("/bin/busybox", Path.Combine(rootfs, "bin", "busybox"));
            // A container the CRI does not know (made with ctr), so only the forceful part of the cleanup finds it.
            await RunAsync(
                "ctr", "-a", fixture.Containerd.SocketPath, "-n", "k8s.io", "run", "-d", "--net-host", "--rootfs",
                "--runc-root", fixture.Containerd.Config.RuncRoot, "--cgroup", cgroupParent + "/leak",
                rootfs, "leak", "/bin/busybox", "sh", "-c", $"sleep 600; echo {token}");
            Assert.NotEmpty(ContainerdFixture.ProcessesMentioning(token));
        }
        finally
        {
            await fixture.DisposeAsync();
            foreach (var hierarchy in Directory.EnumerateDirectories("/sys/fs/cgroup"))
            {
                var parent = hierarchy + cgroupParent;
                if (Directory.Exists(parent))
                {
                    Directory.Delete(parent); // fails if runc left the container's cgroup behind
                }
            }
        }

        Assert.Empty(ContainerdFixture.ProcessesMentioning(token));
        Assert.Empty(ContainerdFixture.ProcessesMentioning(fixture.AgentDir + "/"));
        Assert.False(Directory.Exists(fixture.AgentDir));
        Assert.DoesNotContain(fixture.AgentDir, await File.ReadAllTextAsync("/proc/self/mountinfo", ct));
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{file} failed: {await stderr}");
    }
}
