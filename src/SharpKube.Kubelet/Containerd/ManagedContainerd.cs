using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SharpKube.Kubelet.Runtime;

namespace SharpKube.Kubelet.Containerd;

/// <summary>
/// A containerd the kubelet starts for itself, with its config and state under the agent directory, and restarts
/// when it dies. Stopping it leaves the shims and their containers running, so a restarted agent adopts its pods.
/// </summary>
public sealed class ManagedContainerd : IAsyncDisposable
{
    /// <summary>Grace after SIGKILL for the kernel to reap a process that is not our child.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ExitPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ManagedContainerdOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Process _process;
    private volatile int _pid;
    private int _restarts;
    private int _disposed;
    private Task _supervisor = Task.CompletedTask;

    private ManagedContainerd(ContainerdConfig config, ManagedContainerdOptions options, ILogger logger, Process process)
    {
        Config = config;
        _options = options;
        _logger = logger;
        _process = process;
        _pid = process.Id;
    }

    /// <summary>The config this containerd runs with, which also names every path it owns.</summary>
    public ContainerdConfig Config { get; }

    /// <summary>The CRI endpoint, "unix:///…/containerd.sock".</summary>
    public string Endpoint => Config.Endpoint;

    /// <summary>The path of containerd's gRPC socket.</summary>
    public string SocketPath => Config.SocketPath;

    /// <summary>The directory containerd loads its CNI network configuration from.</summary>
    public string CniConfDir => Config.CniConfDir;

    /// <summary>The pid of the current containerd process (a new one after each restart).</summary>
    public int Pid => _pid;

    /// <summary>How many times containerd was restarted after exiting unexpectedly.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>
    /// Writes the config, stops a stale containerd of the same agent directory, starts containerd and returns once
    /// its CRI answers Version; from then on the containerd is restarted whenever it exits, until disposed.
    /// </summary>
    /// <exception cref="InvalidOperationException">containerd exited during start.</exception>
    /// <exception cref="TimeoutException">containerd's CRI did not answer within the start timeout.</exception>
    public static async Task<ManagedContainerd> StartAsync(
        ManagedContainerdOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var config = new ContainerdConfig(options.AgentDir, options.SandboxImage) { CniBinDir = options.CniBinDir };
        await StopStaleAsync(config, options, logger, cancellationToken);
        await config.WriteAsync(cancellationToken);

        var process = Launch(config, options);
        try
        {
            var version = await WaitUntilServingAsync(config, options, process, cancellationToken);
            logger.LogInformation(
                "containerd {Version} (pid {Pid}) serves CRI {ApiVersion} at {Endpoint}",
                version.RuntimeVersion, process.Id, version.RuntimeApiVersion, config.Endpoint);
        }
        catch
        {
            await StopProcessAsync(process, options.StopTimeout, options.TimeProvider);
            process.Dispose();
            throw;
        }

        var managed = new ManagedContainerd(config, options, logger, process);
        managed._supervisor = managed.SuperviseAsync(managed._stopping.Token);
        return managed;
    }

    /// <summary>
    /// Stops supervising and stops containerd: SIGTERM, then SIGKILL after the stop timeout. Shims and containers
    /// keep running.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _supervisor; // returns on cancellation; _process is then the last one it started
        await StopProcessAsync(_process, _options.StopTimeout, _options.TimeProvider);
        _process.Dispose();
        TryDelete(Config.PidFilePath);
        _stopping.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        var delay = _options.MinRestartDelay;
        // A containerd that stayed up this long crashed for a new reason: restart it quickly again.
        var stableAfter = _options.MaxRestartDelay * 2;
        var startedAt = _options.TimeProvider.GetTimestamp();
        var running = true;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (running)
                {
                    await _process.WaitForExitAsync(stopping);
                    if (_options.TimeProvider.GetElapsedTime(startedAt) > stableAfter)
                    {
                        delay = _options.MinRestartDelay;
                    }

                    _logger.LogWarning(
                        "containerd (pid {Pid}) exited with code {ExitCode}; restarting it in {Delay} s (restart {Restart}), log: {LogPath}",
                        _pid, _process.ExitCode, delay.TotalSeconds, Restarts + 1, Config.LogPath);
                }

                await Task.Delay(delay, _options.TimeProvider, stopping);
                delay = delay * 2 < _options.MaxRestartDelay ? delay * 2 : _options.MaxRestartDelay;
                running = await RestartAsync(stopping);
                startedAt = _options.TimeProvider.GetTimestamp();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Starts a new containerd; false when even the launch failed (logged), so there is nothing to watch.</summary>
    private async Task<bool> RestartAsync(CancellationToken stopping)
    {
        Process next;
        try
        {
            await Config.WriteAsync(stopping);
            next = Launch(Config, _options);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Could not restart containerd for {AgentDir}", Config.AgentDir);
            return false;
        }

        var previous = _process;
        _process = next;
        _pid = next.Id;
        previous.Dispose();
        Interlocked.Increment(ref _restarts);
        try
        {
            await WaitUntilServingAsync(Config, _options, next, stopping);
        }
        catch (TimeoutException e)
        {
            // Still running, but slow or wedged: keep watching it; if it dies, the loop restarts it.
            _logger.LogError(e, "Restarted containerd (pid {Pid}) is not serving", next.Id);
        }
        catch (InvalidOperationException)
        {
            // It already died: the supervision loop logs that exit and restarts it, so one line per restart.
        }

        return true;
    }

    private static Process Launch(ContainerdConfig config, ManagedContainerdOptions options)
    {
        // Through sh so containerd writes straight to its log file: it keeps logging if the agent dies, and no
        // pipe of ours can fill up or break under it. `exec` keeps the pid, so the pid we get is containerd's.
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = config.ContainerdDir,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" --config \"$1\" </dev/null >>\"$2\" 2>&1");
        start.ArgumentList.Add(options.ContainerdPath);
        start.ArgumentList.Add(config.ConfigPath);
        start.ArgumentList.Add(config.LogPath);
        var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {options.ContainerdPath}.");
        File.WriteAllText(config.PidFilePath, process.Id.ToString(CultureInfo.InvariantCulture));
        return process;
    }

    /// <summary>Waits for the CRI to answer Version, failing early when the process exits first.</summary>
    private static async Task<Cri.V1.VersionResponse> WaitUntilServingAsync(
        ContainerdConfig config, ManagedContainerdOptions options, Process process, CancellationToken cancellationToken)
    {
        using var client = CriClient.Connect(config.Endpoint, options.TimeProvider);
        using var exitedOrCancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serving = client.WaitUntilServingAsync(options.StartTimeout, exitedOrCancelled.Token);
        var exited = process.WaitForExitAsync(exitedOrCancelled.Token);
        if (await Task.WhenAny(serving, exited) == serving)
        {
            await exitedOrCancelled.CancelAsync();
            await exited.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // observe its cancellation
            return await serving;
        }

        await exitedOrCancelled.CancelAsync();
        await ((Task)serving).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException(
            $"containerd exited with code {process.ExitCode} while starting; see {config.LogPath}.");
    }

    /// <summary>Stops a containerd left running by an earlier agent on the same directory, found by its pid file.</summary>
    private static async Task StopStaleAsync(
        ContainerdConfig config, ManagedContainerdOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (!File.Exists(config.PidFilePath))
        {
            return;
        }

        var text = await File.ReadAllTextAsync(config.PidFilePath, cancellationToken);
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && ContainerdProcess.RunsWithConfig(pid, config.ConfigPath))
        {
            logger.LogWarning("Stopping stale containerd (pid {Pid}) of {AgentDir}", pid, config.AgentDir);
            if (ContainerdProcess.Signal(pid, ContainerdProcess.SigTerm)
                && !await WaitGoneAsync(pid, config, options.StopTimeout, options.TimeProvider, cancellationToken))
            {
                ContainerdProcess.Signal(pid, ContainerdProcess.SigKill);
                if (!await WaitGoneAsync(pid, config, KillGrace, options.TimeProvider, cancellationToken))
                {
                    throw new InvalidOperationException($"Stale containerd (pid {pid}) of {config.AgentDir} survived SIGKILL.");
                }
            }
        }

        TryDelete(config.PidFilePath);
    }

    private static async Task<bool> WaitGoneAsync(
        int pid, ContainerdConfig config, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (ContainerdProcess.RunsWithConfig(pid, config.ConfigPath))
        {
            if (time.GetElapsedTime(started) > timeout)
            {
                return false;
            }

            await Task.Delay(ExitPollInterval, time, cancellationToken);
        }

        return true;
    }

    private static async Task StopProcessAsync(Process process, TimeSpan stopTimeout, TimeProvider time)
    {
        if (process.HasExited)
        {
            return;
        }

        ContainerdProcess.Signal(process.Id, ContainerdProcess.SigTerm);
        using var timeout = new CancellationTokenSource(stopTimeout, time);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return;
        }
        catch (OperationCanceledException)
        {
            // Did not stop in time: kill it below.
        }

        process.Kill();
        await process.WaitForExitAsync(CancellationToken.None);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Only a hint for the next start, which checks the pid's command line anyway.
        }
    }
}
