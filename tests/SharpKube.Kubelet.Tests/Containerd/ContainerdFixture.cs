using Grpc.Core;
using SharpKube.Kubelet.Containerd;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Runtime;

namespace SharpKube.Kubelet.Tests.Containerd;

/// <summary>
/// A real managed containerd in a fresh directory under /tmp (short, so its sockets stay under the 108-byte limit),
/// and a CRI client to it. Disposing removes every sandbox and container through CRI, stops containerd, then kills
/// whatever of the directory is still alive (runc containers, shims), unmounts what is left mounted under it and
/// deletes it. Use it as a class fixture, or create, <see cref="InitializeAsync"/> and dispose one in a test.
/// </summary>
public sealed class ContainerdFixture : IAsyncLifetime
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(20);

    private readonly Func<string, ManagedContainerdOptions> _options;
    private ManagedContainerd? _containerd;
    private CriClient? _cri;

    /// <summary>A fixture with the default options for its directory.</summary>
    public ContainerdFixture()
        : this(agentDir => new ManagedContainerdOptions { AgentDir = agentDir })
    {
    }

    private ContainerdFixture(Func<string, ManagedContainerdOptions> options)
    {
        _options = options;
        AgentDir = Path.Combine("/tmp", "skc-" + Guid.NewGuid().ToString("N")[..8]);
    }

    /// <summary>A fixture whose options are built by <paramref name="options"/> from its agent directory.</summary>
    public static ContainerdFixture WithOptions(Func<string, ManagedContainerdOptions> options) => new(options);

    /// <summary>The agent directory; containerd's files are in its containerd/ subdirectory.</summary>
    public string AgentDir { get; }

    /// <summary>What the managed containerd logged.</summary>
    public RecordingLogger Logger { get; } = new();

    /// <summary>The running containerd.</summary>
    public ManagedContainerd Containerd => _containerd ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>A CRI client connected to it.</summary>
    public CriClient Cri => _cri ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Pids of live processes any of whose arguments mention <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> ProcessesMentioning(string text)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != Environment.ProcessId
                && ContainerdProcess.CommandLine(pid).Any(arg => arg.Contains(text, StringComparison.Ordinal)))
            {
                pids.Add(pid);
            }
        }

        return pids;
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var options = _options(AgentDir);
        if (options.AgentDir != AgentDir)
        {
            // Cleanup only knows the fixture's directory; containerd anywhere else would outlive the test.
            throw new InvalidOperationException($"The options must use the fixture's agent directory {AgentDir}.");
        }

        Directory.CreateDirectory(AgentDir);
        _containerd = await ManagedContainerd.StartAsync(options, Logger, TestContext.Current.CancellationToken);
        _cri = CriClient.Connect(_containerd.Endpoint);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(CleanupTimeout);
        if (_cri is not null)
        {
            await RemoveAllThroughCriAsync(_cri, timeout.Token);
            _cri.Dispose();
        }

        if (_containerd is not null)
        {
            await _containerd.DisposeAsync();
        }

        await HostCleanup.RemoveAsync(AgentDir, timeout.Token);
    }

    /// <summary>The orderly path: CRI stops containers and sandboxes, which also tears down their pod networks.</summary>
    private static async Task RemoveAllThroughCriAsync(CriClient cri, CancellationToken cancellationToken)
    {
        try
        {
            var containers = await cri.Runtime.ListContainersAsync(new ListContainersRequest(), cancellationToken: cancellationToken);
            foreach (var container in containers.Containers)
            {
                await cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = container.Id }, cancellationToken: cancellationToken);
                await cri.Runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = container.Id }, cancellationToken: cancellationToken);
            }

            var sandboxes = await cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest(), cancellationToken: cancellationToken);
            foreach (var sandbox in sandboxes.Items)
            {
                await cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken: cancellationToken);
                await cri.Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken: cancellationToken);
            }
        }
        catch (RpcException)
        {
            // containerd is down (a test killed it): the forceful steps below still clean up.
        }
    }
}
