using System.Text;
using k8s.Models;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Status;

/// <summary>
/// A terminated container's message, as upstream's kubelet reads it: the file the container wrote at its
/// <c>terminationMessagePath</c> (its last 4 KiB), or — with <c>FallbackToLogsOnError</c>, when that is empty and the
/// container failed — the end of its log (at most 80 lines and 2 KiB).
/// </summary>
public static class TerminationMessage
{
    private const int MaxFileBytes = 4096;
    private const int MaxLogLines = 80;
    private const int MaxLogBytes = 2048;

    /// <summary>The message of the exited <paramref name="instance"/> of <paramref name="container"/>, or null when it left none.</summary>
    public static string? Read(ContainerStatus instance, V1Container? container)
    {
        var path = container?.TerminationMessagePath ?? "/dev/termination-log";
        var mount = instance.Mounts.FirstOrDefault(m => m.ContainerPath == path);
        var text = mount is null ? null : ReadEnd(mount.HostPath, MaxFileBytes);
        if (string.IsNullOrEmpty(text) && container?.TerminationMessagePolicy == "FallbackToLogsOnError" && instance.ExitCode != 0)
        {
            text = LogTail(instance.LogPath);
        }
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The last <paramref name="maxBytes"/> of the file, as upstream keeps them.</summary>
    private static string? ReadEnd(string path, int maxBytes)
    {
        try
        {
            using var file = File.OpenRead(path);
            if (file.Length > maxBytes)
            {
                file.Seek(-maxBytes, SeekOrigin.End);
            }
            var buffer = new byte[maxBytes];
            var read = file.ReadAtLeast(buffer, maxBytes, throwOnEndOfStream: false);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The last lines of a CRI log file, without their timestamp, stream and tag prefixes.</summary>
    private static string? LogTail(string logPath)
    {
        try
        {
            var lines = File.ReadLines(logPath).TakeLast(MaxLogLines).Select(StripPrefix);
            var text = string.Concat(lines);
            var bytes = Encoding.UTF8.GetBytes(text);
            return bytes.Length <= MaxLogBytes ? text : Encoding.UTF8.GetString(bytes, bytes.Length - MaxLogBytes, MaxLogBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"2026-01-01T00:00:00.1Z stdout F text" → "text\n" (a partial chunk, tag P, gets no newline).</summary>
    private static string StripPrefix(string line)
    {
        var parts = line.Split(' ', 4);
        return parts.Length < 4 ? line + "\n" : parts[3] + (parts[2] == "P" ? "" : "\n");
    }
}
