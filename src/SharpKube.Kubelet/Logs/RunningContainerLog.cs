namespace SharpKube.Kubelet.Logs;

/// <summary>A running container and the log file the runtime writes for it.</summary>
/// <param name="ContainerId">The runtime's container id.</param>
/// <param name="LogPath">The absolute path of its current log file, e.g. <c>/var/log/pods/…/app/0.log</c>.</param>
public sealed record RunningContainerLog(string ContainerId, string LogPath);
