using System.Diagnostics;
using SharpKube.Kubelet.Containerd;

namespace SharpKube.Cli.Tests.Commands;

/// <summary>
/// What an agent leaves on the host after it stopped (on purpose: pods outlive the kubelet): runc containers, their
/// shims and mounts under the data directory. Removes them, then the directory.
/// </summary>
internal static class AgentHostCleanup
{
    public static async Task RemoveAsync(string dataDir, CancellationToken cancellationToken)
    {
        var runcRoot = new ContainerdConfig(Path.Combine(dataDir, "agent")).RuncRoot;
        if (Directory.Exists(runcRoot))
        {
            foreach (var namespaceRoot in Directory.EnumerateDirectories(runcRoot))
            {
                foreach (var container in Directory.EnumerateDirectories(namespaceRoot))
                {
                    await RunAsync("runc", ["--root", namespaceRoot, "delete", "--force", Path.GetFileName(container)], cancellationToken);
                }
            }
        }
        var prefix = dataDir.TrimEnd('/') + "/";
        foreach (var pid in ProcessesMentioning(prefix))
        {
            Kill(pid);
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (ProcessesMentioning(prefix).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, cancellationToken);
        }
        var mountPoints = File.ReadLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(point => point.StartsWith(prefix, StringComparison.Ordinal))
            .Distinct()
            .OrderByDescending(point => point.Length)
            .ToList();
        foreach (var point in mountPoints)
        {
            await RunAsync("umount", ["-l", point], cancellationToken);
        }
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static List<int> ProcessesMentioning(string text)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal))
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited while we looked.
            }
        }
        return pids;
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
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
