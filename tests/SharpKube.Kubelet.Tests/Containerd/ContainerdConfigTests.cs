using System.Diagnostics;
using SharpKube.Kubelet.Containerd;

namespace SharpKube.Kubelet.Tests.Containerd;

public sealed class ContainerdConfigTests
{
    private const string AgentDir = "/tmp/skc-config/agent";

    [Fact]
    public void Render_PutsEveryPathContainerdOwnsUnderTheAgentDir()
    {
        var toml = new ContainerdConfig(AgentDir).Render();

        Assert.Contains("root = \"/tmp/skc-config/agent/containerd/root\"", toml);
        Assert.Contains("state = \"/tmp/skc-config/agent/containerd/state\"", toml);
        Assert.Contains("address = \"/tmp/skc-config/agent/containerd/containerd.sock\"", toml);
        Assert.Contains("address = \"/tmp/skc-config/agent/containerd/containerd.sock.ttrpc\"", toml);
        Assert.Contains("path = \"/tmp/skc-config/agent/containerd/opt\"", toml);
        Assert.Contains("Root = \"/tmp/skc-config/agent/containerd/state/runc\"", toml);
        Assert.Contains("conf_dir = \"/tmp/skc-config/agent/cni/net.d\"", toml);
        Assert.Contains("config_path = \"/tmp/skc-config/agent/containerd/certs.d\"", toml);
        Assert.DoesNotContain("/run/containerd", toml);
        Assert.DoesNotContain("/var/lib/containerd", toml);
    }

    [Fact]
    public void Render_CarriesTheCriSettingsOurHostsNeed()
    {
        var toml = new ContainerdConfig(AgentDir, "localhost/test/pause:2").Render();

        Assert.Contains("sandbox_image = \"localhost/test/pause:2\"", toml);
        Assert.Contains("stream_server_address = \"127.0.0.1\"", toml);
        Assert.Contains("stream_server_port = \"0\"", toml);
        Assert.Contains("enable_tls_streaming = false", toml);
        Assert.Contains("restrict_oom_score_adj = true", toml);
        Assert.Contains("max_container_log_line_size = 16384", toml);
        Assert.Contains("snapshotter = \"overlayfs\"", toml);
        Assert.Contains("runtime_type = \"io.containerd.runc.v2\"", toml);
        Assert.Contains("SystemdCgroup = false", toml);
        Assert.Contains("bin_dir = \"/usr/lib/cni\"", toml);
        Assert.Contains("max_conf_num = 1", toml);
        Assert.DoesNotContain("mirrors", toml);
    }

    [Fact]
    public void Render_EscapesQuotesAndBackslashesInPaths()
    {
        var toml = new ContainerdConfig("/tmp/a\"b\\c").Render();

        Assert.Contains("root = \"/tmp/a\\\"b\\\\c/containerd/root\"", toml);
    }

    [Fact]
    public void Constructor_WithRelativeAgentDir_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ContainerdConfig("agent"));
    }

    [Fact]
    public async Task WriteAsync_WritesAConfigContainerdReadsAsIntended()
    {
        var agentDir = Path.Combine("/tmp", "skc-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var config = new ContainerdConfig(agentDir);
            await config.WriteAsync(TestContext.Current.CancellationToken);

            Assert.True(Directory.Exists(config.CertsDir));
            Assert.True(Directory.Exists(config.CniConfDir));
            // containerd's own parser: a key in the wrong table would come back with its default value.
            var dump = await DumpAsync(config.ConfigPath);
            Assert.Contains($"root = \"{agentDir}/containerd/root\"", dump);
            Assert.Contains("restrict_oom_score_adj = true", dump);
            Assert.Contains("netns_mounts_under_state_dir = true", dump);
            Assert.Contains($"conf_dir = \"{agentDir}/cni/net.d\"", dump);
            Assert.Contains($"config_path = \"{agentDir}/containerd/certs.d\"", dump);
            Assert.Contains($"Root = \"{agentDir}/containerd/state/runc\"", dump);
            Assert.Contains("SystemdCgroup = false", dump);
            Assert.Contains("\"io.containerd.snapshotter.v1.zfs\"", dump);
        }
        finally
        {
            Directory.Delete(agentDir, recursive: true);
        }
    }

    private static async Task<string> DumpAsync(string configPath)
    {
        var start = new ProcessStartInfo("containerd") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--config", configPath, "config", "dump" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, await stderr);
        return stdout;
    }
}
