using System.Diagnostics;
using System.Globalization;

namespace SharpKube.Kubelet.Tests.Images;

/// <summary>
/// A containerd of the tests' own, in a short temporary directory (unix socket paths are limited to 108 bytes):
/// its own root, state and socket, so it never touches the machine's containerd. Stopped and removed afterwards.
/// </summary>
public sealed class ImportContainerd : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Path.Combine("/tmp", "sk-img-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _containerd;

    /// <summary>containerd's gRPC socket.</summary>
    public string Address => Path.Combine(_directory, "containerd.sock");

    /// <summary>A scratch directory removed with the containerd.</summary>
    public string ScratchDirectory => Path.Combine(_directory, "scratch");

    /// <summary>Runs <c>ctr</c> against this containerd in the <c>k8s.io</c> namespace.</summary>
    internal Task<ChildProcess.Output> CtrAsync(params string[] arguments) =>
        ChildProcess.RunAsync("ctr", ["--address", Address, "--namespace", "k8s.io", .. arguments]);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ScratchDirectory);
        var config = Path.Combine(_directory, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            version = 2
            root = "{_directory}/root"
            state = "{_directory}/state"

            [grpc]
              address = "{Address}"

            [plugins."io.containerd.grpc.v1.cri"]
              # This machine lacks CAP_SYS_RESOURCE, so runc may not lower oom_score_adj below containerd's own.
              restrict_oom_score_adj = true
            """);

        var start = new ProcessStartInfo("containerd")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);
        _containerd = Process.Start(start) ?? throw new InvalidOperationException("containerd did not start");
        // containerd logs to stderr; drain both streams so that it never blocks on a full pipe.
        _containerd.OutputDataReceived += (_, _) => { };
        _containerd.ErrorDataReceived += (_, _) => { };
        _containerd.BeginOutputReadLine();
        _containerd.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            Assert.False(_containerd.HasExited, $"containerd exited with {(_containerd.HasExited ? _containerd.ExitCode : 0)}");
            if (File.Exists(Address) && (await ChildProcess.RunAsync("ctr", "--address", Address, "version")).ExitCode == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "containerd did not answer on its socket in time");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_containerd is not null)
        {
            if (!_containerd.HasExited)
            {
                // SIGTERM lets containerd close its databases; SIGKILL only if it does not stop in time.
                await ChildProcess.RunAsync("kill", "-s", "TERM", _containerd.Id.ToString(CultureInfo.InvariantCulture));
                using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    await _containerd.WaitForExitAsync(stopped.Token);
                }
                catch (OperationCanceledException)
                {
                    _containerd.Kill(entireProcessTree: true);
                }
            }

            _containerd.Dispose();
        }

        await UnmountUnderAsync(_directory);
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Unmounts whatever containerd left mounted below <paramref name="directory"/> (deepest first).</summary>
    private static async Task UnmountUnderAsync(string directory)
    {
        var mounts = (await File.ReadAllLinesAsync("/proc/self/mounts"))
            .Select(line => line.Split(' ')[1].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(target => target.StartsWith(directory + "/", StringComparison.Ordinal))
            .OrderByDescending(target => target.Length);
        foreach (var target in mounts)
        {
            await ChildProcess.RunAsync("umount", "--lazy", target);
        }
    }
}
