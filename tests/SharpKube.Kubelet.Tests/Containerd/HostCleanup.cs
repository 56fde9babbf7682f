using System.Diagnostics;
using SharpKube.Kubelet.Containerd;

namespace SharpKube.Kubelet.Tests.Containerd;

/// <summary>
/// The forceful end of a test's runtime: whatever of an agent (or data) directory is still alive once containerd
/// stopped — runc containers, shims — is killed, what is mounted under it unmounted, and the directory deleted.
/// </summary>
public static class HostCleanup
{
    /// <summary>Cleans up after the agent directory <paramref name="directory"/> (or a data directory holding <c>agent/</c>).</summary>
    public static async Task RemoveAsync(string directory, CancellationToken cancellationToken)
    {
        foreach (var agentDir in new[] { directory, Path.Combine(directory, "agent") })
        {
            await ForceDeleteRuncContainersAsync(new ContainerdConfig(agentDir).RuncRoot, cancellationToken);
        }
        await KillProcessesMentioningAsync(directory + "/", cancellationToken);
        await UnmountUnderAsync(directory + "/", cancellationToken);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Kills and deletes every container in the agent's runc root (one subdirectory per namespace).</summary>
    private static async Task ForceDeleteRuncContainersAsync(string runcRoot, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(runcRoot))
        {
            return;
        }

        foreach (var namespaceRoot in Directory.EnumerateDirectories(runcRoot))
        {
            foreach (var container in Directory.EnumerateDirectories(namespaceRoot))
            {
                await RunAsync("runc", ["--root", namespaceRoot, "delete", "--force", Path.GetFileName(container)], cancellationToken);
            }
        }
    }

    private static async Task KillProcessesMentioningAsync(string text, CancellationToken cancellationToken)
    {
        foreach (var pid in ContainerdFixture.ProcessesMentioning(text))
        {
            ContainerdProcess.Signal(pid, ContainerdProcess.SigKill);
        }

        while (ContainerdFixture.ProcessesMentioning(text).Count > 0)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Lazily unmounts everything mounted below <paramref name="prefix"/>, deepest first.</summary>
    private static async Task UnmountUnderAsync(string prefix, CancellationToken cancellationToken)
    {
        var mountPoints = File.ReadLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(point => point.StartsWith(prefix, StringComparison.Ordinal))
            .Distinct()
            .OrderByDescending(point => point.Length);
        foreach (var point in mountPoints)
        {
            await RunAsync("umount", ["-l", point], cancellationToken);
        }
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
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
