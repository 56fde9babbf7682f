using System.Globalization;
using System.Text;

namespace SharpKube.Kubelet.Containerd;

/// <summary>
/// The config.toml (schema version 2) of a containerd 1.6 that serves one agent: every path it owns lives under
/// <c>&lt;agentDir&gt;/containerd/</c>, so several agents (clusters in tests) can run their own containerd on one
/// machine without sharing a socket, a database, a runc root or network namespaces.
/// </summary>
public sealed class ContainerdConfig
{
    /// <summary>The pause image the CRI plugin starts each sandbox with, unless told otherwise.</summary>
    public const string DefaultSandboxImage = "docker.io/sharpkube/pause:1";

    /// <summary>Where Debian's containernetworking-plugins package installs the CNI plugins.</summary>
    public const string DefaultCniBinDir = "/usr/lib/cni";

    /// <summary>
    /// Snapshotters that cannot work on our hosts; leaving them out spares a probe of each at start and a "skip"
    /// line in the log (aufs and zfs need kernel support we do not have, btrfs a btrfs root, devmapper a thin pool).
    /// The legacy v1 runtime stays: containerd 1.6's tasks service, and with it the CRI plugin, fail without it.
    /// </summary>
    private static readonly string[] DisabledPlugins =
    [
        "io.containerd.snapshotter.v1.aufs",
        "io.containerd.snapshotter.v1.btrfs",
        "io.containerd.snapshotter.v1.devmapper",
        "io.containerd.snapshotter.v1.zfs",
    ];

    /// <summary>Describes the containerd of <paramref name="agentDir"/>.</summary>
    /// <param name="agentDir">The agent's state directory; must be absolute.</param>
    /// <param name="sandboxImage">The pause image for pod sandboxes.</param>
    public ContainerdConfig(string agentDir, string sandboxImage = DefaultSandboxImage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(sandboxImage);
        if (!Path.IsPathRooted(agentDir))
        {
            throw new ArgumentException($"The agent directory '{agentDir}' must be an absolute path.", nameof(agentDir));
        }

        AgentDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(agentDir));
        SandboxImage = sandboxImage;
        ContainerdDir = Path.Combine(AgentDir, "containerd");
    }

    /// <summary>The agent's state directory.</summary>
    public string AgentDir { get; }

    /// <summary>The pause image for pod sandboxes.</summary>
    public string SandboxImage { get; }

    /// <summary>Where the CNI plugin binaries are.</summary>
    public string CniBinDir { get; init; } = DefaultCniBinDir;

    /// <summary><c>&lt;agentDir&gt;/containerd</c>: everything containerd owns.</summary>
    public string ContainerdDir { get; }

    /// <summary>The rendered config file.</summary>
    public string ConfigPath => Path.Combine(ContainerdDir, "config.toml");

    /// <summary>containerd's persistent data (content store, snapshots, metadata database).</summary>
    public string RootDir => Path.Combine(ContainerdDir, "root");

    /// <summary>containerd's runtime state (task bundles, sandbox files, network namespaces).</summary>
    public string StateDir => Path.Combine(ContainerdDir, "state");

    /// <summary>The gRPC socket the CRI client dials.</summary>
    public string SocketPath => Path.Combine(ContainerdDir, "containerd.sock");

    /// <summary>The CRI endpoint, "unix://" + <see cref="SocketPath"/>.</summary>
    public string Endpoint => "unix://" + SocketPath;

    /// <summary>The ttrpc socket shims publish events to.</summary>
    public string TtrpcSocketPath => SocketPath + ".ttrpc";

    /// <summary>Where runc keeps its per-container state; per agent, so a cleanup finds only this agent's containers.</summary>
    public string RuncRoot => Path.Combine(StateDir, "runc");

    /// <summary>The registry host configuration directory (hosts.toml per registry).</summary>
    public string CertsDir => Path.Combine(ContainerdDir, "certs.d");

    /// <summary>The opt plugin's directory, which would otherwise be the machine-wide /opt/containerd.</summary>
    public string OptDir => Path.Combine(ContainerdDir, "opt");

    /// <summary>containerd's stdout and stderr.</summary>
    public string LogPath => Path.Combine(ContainerdDir, "containerd.log");

    /// <summary>The pid of the running containerd, so a restarted agent can find a stale one.</summary>
    public string PidFilePath => Path.Combine(ContainerdDir, "containerd.pid");

    /// <summary>The directory the CRI plugin loads its CNI network configuration from.</summary>
    public string CniConfDir => Path.Combine(AgentDir, "cni", "net.d");

    /// <summary>Renders config.toml.</summary>
    public string Render()
    {
        var toml = new StringBuilder();
        toml.AppendLine("# Written by the SharpKube kubelet for its managed containerd; rewritten at every start.");
        toml.AppendLine("version = 2");
        Line(toml, "root", RootDir);
        Line(toml, "state", StateDir);
        toml.AppendLine("oom_score = 0");
        toml.Append("disabled_plugins = [")
            .AppendJoin(", ", DisabledPlugins.Select(Quote))
            .AppendLine("]");
        toml.AppendLine();
        toml.AppendLine("[grpc]");
        Line(toml, "  address", SocketPath);
        toml.AppendLine("  max_recv_message_size = 16777216");
        toml.AppendLine("  max_send_message_size = 16777216");
        toml.AppendLine();
        // Spelled out although these are containerd's defaults: a second instance must never bind a shared address.
        toml.AppendLine("[ttrpc]");
        Line(toml, "  address", TtrpcSocketPath);
        toml.AppendLine();
        toml.AppendLine("[debug]");
        toml.AppendLine("  address = \"\"");
        toml.AppendLine("  level = \"info\"");
        toml.AppendLine();
        toml.AppendLine("[metrics]");
        toml.AppendLine("  address = \"\"");
        toml.AppendLine();
        toml.AppendLine("[plugins]");
        toml.AppendLine("  [plugins.\"io.containerd.internal.v1.opt\"]");
        Line(toml, "    path", OptDir);
        toml.AppendLine();
        AppendCriPlugin(toml);
        return toml.ToString();
    }

    /// <summary>
    /// Creates containerd's directories (and the CNI conf dir it watches) and writes <see cref="ConfigPath"/>.
    /// </summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        foreach (var dir in new[] { ContainerdDir, RootDir, StateDir, CertsDir, OptDir, CniConfDir })
        {
            Directory.CreateDirectory(dir);
        }

        // Write-then-rename: containerd reads the file only at start, and never sees half of it.
        var temporary = ConfigPath + ".tmp";
        await File.WriteAllTextAsync(temporary, Render(), cancellationToken);
        File.Move(temporary, ConfigPath, overwrite: true);
    }

    private void AppendCriPlugin(StringBuilder toml)
    {
        const string cri = "plugins.\"io.containerd.grpc.v1.cri\"";
        toml.AppendLine($"  [{cri}]");
        Line(toml, "    sandbox_image", SandboxImage);
        toml.AppendLine("    stream_server_address = \"127.0.0.1\"");
        // Port 0: each start picks a free port, so several agents on one machine do not collide. The kubelet
        // hands the streaming URLs containerd returns to the API server as they are.
        toml.AppendLine("    stream_server_port = \"0\"");
        toml.AppendLine("    enable_tls_streaming = false");
        // Our hosts lack CAP_SYS_RESOURCE, so runc cannot lower a sandbox's oom_score_adj to -998; clamp instead.
        toml.AppendLine("    restrict_oom_score_adj = true");
        toml.AppendLine("    max_container_log_line_size = 16384");
        // Network namespaces under the state dir rather than the machine-wide /var/run/netns: they belong to
        // this agent, and a cleanup of its directory finds them.
        toml.AppendLine("    netns_mounts_under_state_dir = true");
        toml.AppendLine();
        toml.AppendLine($"    [{cri}.containerd]");
        toml.AppendLine("      snapshotter = \"overlayfs\"");
        toml.AppendLine("      default_runtime_name = \"runc\"");
        toml.AppendLine($"      [{cri}.containerd.runtimes.runc]");
        toml.AppendLine("        runtime_type = \"io.containerd.runc.v2\"");
        toml.AppendLine($"        [{cri}.containerd.runtimes.runc.options]");
        toml.AppendLine("          SystemdCgroup = false");
        Line(toml, "          Root", RuncRoot);
        toml.AppendLine();
        toml.AppendLine($"    [{cri}.cni]");
        Line(toml, "      bin_dir", CniBinDir);
        Line(toml, "      conf_dir", CniConfDir);
        toml.AppendLine("      max_conf_num = 1");
        toml.AppendLine();
        // Registry hosts come only from config_path: containerd refuses to load the CRI plugin when `mirrors`
        // is set next to it.
        toml.AppendLine($"    [{cri}.registry]");
        Line(toml, "      config_path", CertsDir);
    }

    private static void Line(StringBuilder toml, string key, string value) =>
        toml.Append(key).Append(" = ").AppendLine(Quote(value));

    /// <summary>A TOML basic string: quotes, backslashes and control characters escaped.</summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case < ' ' or '\u007f':
                    quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    quoted.Append(c);
                    break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
