using System.Runtime.InteropServices;
using System.Text;

namespace SharpKube.Kubelet.Containerd;

/// <summary>
/// Signals and /proc look-ups for containerd processes that may not be our children (a stale containerd left by a
/// previous agent), where <see cref="System.Diagnostics.Process"/> cannot wait or send SIGTERM.
/// </summary>
internal static class ContainerdProcess
{
    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is already gone.</summary>
    /// <exception cref="IOException">kill(2) failed for another reason (EPERM).</exception>
    public static bool Signal(int pid, int signal)
    {
        if (Kill(pid, signal) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == NoSuchProcess
            ? false
            : throw new IOException($"kill({pid}, {signal}) failed with errno {errno}.");
    }

    /// <summary>
    /// The command line of <paramref name="pid"/> as its arguments, or an empty list when the process is gone or a
    /// zombie (whose cmdline reads empty).
    /// </summary>
    public static IReadOnlyList<string> CommandLine(int pid)
    {
        try
        {
            var bytes = File.ReadAllBytes($"/proc/{pid}/cmdline");
            return Encoding.UTF8.GetString(bytes).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return [];
        }
    }

    /// <summary>Whether <paramref name="pid"/> is a live containerd started with <c>--config</c> <paramref name="configPath"/>.</summary>
    public static bool RunsWithConfig(int pid, string configPath)
    {
        var args = CommandLine(pid);
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] is "--config" or "-c" && args[i + 1] == configPath)
            {
                return true;
            }
        }

        return false;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
