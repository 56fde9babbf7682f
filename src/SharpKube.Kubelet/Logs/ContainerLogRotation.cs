using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Logs;

/// <summary>
/// Keeps running containers' logs within bounds: a log that reached <see cref="ContainerLogRotationOptions.MaxSize"/>
/// is renamed to <c>N.log.&lt;yyyyMMdd-HHmmss&gt;</c>, the runtime is asked to reopen the log (it creates a new
/// <c>N.log</c>), and the oldest rotated files beyond <see cref="ContainerLogRotationOptions.MaxFiles"/> are removed.
/// The kubelet calls <see cref="RotateAsync"/> periodically with its running containers.
/// </summary>
public sealed class ContainerLogRotation
{
    private const string StampFormat = "yyyyMMdd-HHmmss";

    private readonly ContainerLogRotationOptions _options;
    private readonly Func<string, CancellationToken, Task> _reopen;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a rotation that asks the runtime through <paramref name="reopenContainerLog"/> to reopen a log.</summary>
    /// <param name="options">Size and file limits.</param>
    /// <param name="reopenContainerLog">Makes the runtime reopen a container's log file (CRI <c>ReopenContainerLog</c>).</param>
    /// <param name="time">The clock that stamps rotated files.</param>
    /// <param name="logger">Logs rotations and failures.</param>
    public ContainerLogRotation(ContainerLogRotationOptions options, Func<string, CancellationToken, Task> reopenContainerLog,
        TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFiles, 2, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSize, 1, nameof(options));
        _options = options;
        _reopen = reopenContainerLog;
        _time = time;
        _logger = logger;
    }

    /// <summary>A rotation that reopens logs through the CRI runtime service.</summary>
    public static ContainerLogRotation ForRuntime(ContainerLogRotationOptions options, RuntimeService.RuntimeServiceClient runtime,
        TimeProvider time, ILogger logger) =>
        new(options, async (id, cancellationToken) => await runtime.ReopenContainerLogAsync(
            new ReopenContainerLogRequest { ContainerId = id }, cancellationToken: cancellationToken), time, logger);

    /// <summary>Rotates each of <paramref name="containers"/> whose log is due; a failure for one does not stop the others.</summary>
    public async Task RotateAsync(IEnumerable<RunningContainerLog> containers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(containers);
        foreach (var container in containers)
        {
            try
            {
                await RotateOneAsync(container, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or RpcException)
            {
                _logger.LogWarning(e, "Failed to rotate the log of container {ContainerId} at {LogPath}", container.ContainerId, container.LogPath);
            }
        }
    }

    /// <summary>Rotates one container's log if it is due; returns true when it was rotated.</summary>
    public async Task<bool> RotateOneAsync(RunningContainerLog container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var current = new FileInfo(container.LogPath);
        if (!current.Exists || current.Length < _options.MaxSize)
        {
            return false;
        }
        // Make room first, so that after the rename at most MaxFiles files (current included) remain.
        RemoveOldest(container.LogPath, _options.MaxFiles - 2);
        var rotated = container.LogPath + "." + _time.GetLocalNow().ToString(StampFormat, CultureInfo.InvariantCulture);
        if (File.Exists(rotated))
        {
            // Rotated earlier within the same second: wait for the next pass rather than overwrite.
            return false;
        }
        File.Move(container.LogPath, rotated);
        try
        {
            await _reopen(container.ContainerId, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The runtime still writes to the renamed file: put it back so the log keeps its name.
            if (!File.Exists(container.LogPath))
            {
                File.Move(rotated, container.LogPath);
            }
            throw;
        }
        _logger.LogInformation("Rotated the log of container {ContainerId} to {RotatedPath}", container.ContainerId, rotated);
        return true;
    }

    /// <summary>The rotated files of <paramref name="logPath"/>, oldest first.</summary>
    public static IReadOnlyList<string> RotatedFiles(string logPath)
    {
        var directory = Path.GetDirectoryName(logPath)!;
        var prefix = Path.GetFileName(logPath) + ".";
        if (!Directory.Exists(directory))
        {
            return [];
        }
        // The stamp sorts chronologically as text.
        // The pattern is matched DOS-style ("0.log.*" also matches "0.log"), hence the exact check after it.
        return [.. Directory.EnumerateFiles(directory, prefix + "*")
            .Where(f => Path.GetFileName(f) is var name && name.StartsWith(prefix, StringComparison.Ordinal) && IsStamp(name[prefix.Length..]))
            .Order(StringComparer.Ordinal)];
    }

    private void RemoveOldest(string logPath, int keep)
    {
        var rotated = RotatedFiles(logPath);
        for (var i = 0; i < rotated.Count - keep; i++)
        {
            File.Delete(rotated[i]);
            _logger.LogDebug("Removed old rotated log {RotatedPath}", rotated[i]);
        }
    }

    private static bool IsStamp(string suffix) =>
        DateTime.TryParseExact(suffix, StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
