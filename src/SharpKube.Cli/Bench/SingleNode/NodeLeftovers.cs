using System.Diagnostics;
using System.Globalization;
using SharpKube.Kubelet.Containerd;

namespace SharpKube.Cli.Bench.SingleNode;

/// <summary>
/// The forceful end of the benchmark's node, once the kubelet and its containerd stopped: whatever of the data directory is
/// still alive (runc containers, shims) is killed, what is mounted under it unmounted, the pod bridge removed, and the
/// directory deleted when the benchmark made it. After an orderly run the kubelet has removed the pods already and this
/// finds nothing; it matters when a run failed halfway.
/// </summary>
internal static class NodeLeftovers
{
    private static readonly TimeSpan _killWait = TimeSpan.FromSeconds(10);

    /// <summary>Cleans up after the data directory <paramref name="dataDir"/>; deletes it when <paramref name="deleteDirectory"/>.</summary>
    public static async Task RemoveAsync(string dataDir, bool deleteDirectory, CancellationToken cancellationToken)
    {
        var runcRoot = new ContainerdConfig(Path.Combine(dataDir, "agent")).RuncRoot;
        if (Directory.Exists(runcRoot))
        {
            foreach (var container in Directory.EnumerateDirectories(runcRoot).SelectMany(Directory.EnumerateDirectories))
            {
                await RunAsync("runc", ["--root", Path.GetDirectoryName(container)!, "delete", "--force", Path.GetFileName(container)], cancellationToken);
            }
        }

        await KillProcessesMentioningAsync(dataDir + "/", cancellationToken);
        var mountPoints = File.ReadLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(point => point.StartsWith(dataDir + "/", StringComparison.Ordinal))
            .Distinct()
            .OrderByDescending(point => point.Length)
            .ToList();
        foreach (var point in mountPoints)
        {
            await RunAsync("umount", ["-l", point], cancellationToken);
        }

        if (Directory.Exists("/sys/class/net/" + BenchKubelet.CniBridge))
        {
            await RunAsync("ip", ["link", "delete", BenchKubelet.CniBridge], cancellationToken);
        }

        if (deleteDirectory && Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task KillProcessesMentioningAsync(string text, CancellationToken cancellationToken)
    {
        var pids = ProcessesMentioning(text);
        if (pids.Count > 0)
        {
            await RunAsync("kill", ["-KILL", .. pids.Select(pid => pid.ToString(CultureInfo.InvariantCulture))], cancellationToken);
        }

        var start = Stopwatch.GetTimestamp();
        while (ProcessesMentioning(text).Count > 0 && Stopwatch.GetElapsedTime(start) < _killWait)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Live processes (but this one) any of whose arguments mention <paramref name="text"/>: the shims name the agent's containerd socket.</summary>
    private static List<int> ProcessesMentioning(string text) =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Select(dir => int.TryParse(Path.GetFileName(dir), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId
                && CommandLine(pid).Contains(text, StringComparison.Ordinal)),
    ];

    /// <summary>The process's arguments joined by NULs; empty once it is gone.</summary>
    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancellationToken), process.StandardError.ReadToEndAsync(cancellationToken));
        await process.WaitForExitAsync(cancellationToken);
        await drain;
    }
}
