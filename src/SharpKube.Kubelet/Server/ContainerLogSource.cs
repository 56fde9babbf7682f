namespace SharpKube.Kubelet.Server;

/// <summary>
/// The kubelet's answer to "where is the log of this container?": a log file and a way to ask whether the
/// container still runs (a follow read ends when it stops), or an error with the HTTP code and plain-text message
/// upstream's kubelet gives. The factories carry upstream's messages.
/// </summary>
public sealed class ContainerLogSource
{
    private ContainerLogSource(string? logPath, Func<bool>? isRunning, int statusCode, string? errorMessage)
    {
        LogPath = logPath;
        IsRunning = isRunning ?? (() => false);
        StatusCode = statusCode;
        ErrorMessage = errorMessage;
    }

    /// <summary>The CRI log file to read; null for an error.</summary>
    public string? LogPath { get; }

    /// <summary>True while the container runs; a follow read stops once it is false and the file holds nothing new.</summary>
    public Func<bool> IsRunning { get; }

    /// <summary>200 for a log file, else the HTTP code of the error.</summary>
    public int StatusCode { get; }

    /// <summary>The error message, sent as the plain-text body; null for a log file.</summary>
    public string? ErrorMessage { get; }

    /// <summary>A log file of a container that is running while <paramref name="isRunning"/> says so.</summary>
    public static ContainerLogSource FromFile(string logPath, Func<bool> isRunning)
    {
        ArgumentException.ThrowIfNullOrEmpty(logPath);
        ArgumentNullException.ThrowIfNull(isRunning);
        return new(logPath, isRunning, 200, null);
    }

    /// <summary>An error answered with <paramref name="statusCode"/> and <paramref name="message"/>.</summary>
    public static ContainerLogSource Error(int statusCode, string message) => new(null, null, statusCode, message);

    /// <summary>404 <c>pod "P" does not exist</c>: the kubelet does not run that pod.</summary>
    public static ContainerLogSource PodNotFound(string pod) => Error(404, $"pod \"{pod}\" does not exist");

    /// <summary>404 <c>container "C" not found in pod "P"</c>: the pod's spec has no such container.</summary>
    public static ContainerLogSource ContainerNotFound(string container, string pod) =>
        Error(404, $"container \"{container}\" not found in pod \"{pod}\"");

    /// <summary>400 <c>container "C" in pod "P" is waiting to start: REASON</c> (e.g. <c>ContainerCreating</c>).</summary>
    public static ContainerLogSource WaitingToStart(string container, string pod, string reason) =>
        Error(400, $"container \"{container}\" in pod \"{pod}\" is waiting to start: {reason}");

    /// <summary>400 <c>previous terminated container "C" in pod "P" not found</c>: no earlier instance to read.</summary>
    public static ContainerLogSource PreviousNotFound(string container, string pod) =>
        Error(400, $"previous terminated container \"{container}\" in pod \"{pod}\" not found");

    /// <summary>400 <c>container "C" in pod "P" is terminated</c>: it ended and its log is gone.</summary>
    public static ContainerLogSource Terminated(string container, string pod) =>
        Error(400, $"container \"{container}\" in pod \"{pod}\" is terminated");
}
