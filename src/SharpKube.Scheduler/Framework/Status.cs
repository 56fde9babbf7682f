namespace SharpKube.Scheduler.Framework;

/// <summary>
/// The result of running a plugin: a code, the reasons (each counted separately in the <c>FailedScheduling</c>
/// summary) and the plugin that returned it. Statuses are immutable, so plugins keep the ones they return often
/// in static fields and the hot path allocates nothing for them; <see cref="Success"/> is one shared instance.
/// </summary>
public sealed class Status
{
    private static readonly string[] NoReasons = [];

    /// <summary>The one success status.</summary>
    public static readonly Status Success = new(StatusCode.Success, null, NoReasons, null);

    /// <summary>The one skip status without a plugin name (the framework knows which plugin returned it).</summary>
    public static readonly Status SkipStatus = new(StatusCode.Skip, null, NoReasons, null);

    private Status(StatusCode code, string? plugin, string[] reasons, Exception? error)
    {
        Code = code;
        Plugin = plugin;
        Reasons = reasons;
        Error = error;
    }

    /// <summary>A status with <paramref name="code"/>, returned by <paramref name="plugin"/>, for <paramref name="reasons"/>.</summary>
    public static Status Of(StatusCode code, string? plugin, params string[] reasons) =>
        code == StatusCode.Success && plugin is null && reasons.Length == 0 ? Success : new(code, plugin, reasons, null);

    /// <summary>
    /// A status carrying <paramref name="error"/>, whose message is its only reason: an <see cref="StatusCode.Error"/>
    /// unless another code is given (a <see cref="FitError"/> travels as <see cref="StatusCode.Unschedulable"/>).
    /// </summary>
    public static Status FromError(Exception error, string? plugin = null, StatusCode code = StatusCode.Error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(code, plugin, [error.Message], error);
    }

    /// <summary>An <see cref="StatusCode.Unschedulable"/> status.</summary>
    public static Status Unschedulable(string? plugin, params string[] reasons) => new(StatusCode.Unschedulable, plugin, reasons, null);

    /// <summary>An <see cref="StatusCode.UnschedulableAndUnresolvable"/> status.</summary>
    public static Status Unresolvable(string? plugin, params string[] reasons) => new(StatusCode.UnschedulableAndUnresolvable, plugin, reasons, null);

    /// <summary>The code.</summary>
    public StatusCode Code { get; }

    /// <summary>The plugin that returned the status (null when the framework itself did).</summary>
    public string? Plugin { get; }

    /// <summary>Why, one reason per entry; each is counted on its own in the <c>FailedScheduling</c> summary.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>The failure behind an <see cref="StatusCode.Error"/> status, if any.</summary>
    public Exception? Error { get; }

    /// <summary>True for <see cref="StatusCode.Success"/>.</summary>
    public bool IsSuccess => Code == StatusCode.Success;

    /// <summary>True for <see cref="StatusCode.Skip"/>.</summary>
    public bool IsSkip => Code == StatusCode.Skip;

    /// <summary>True for <see cref="StatusCode.Wait"/>.</summary>
    public bool IsWait => Code == StatusCode.Wait;

    /// <summary>True when the pod was rejected (unschedulable, unresolvable or pending) rather than failing with an error.</summary>
    public bool IsRejected => Code is StatusCode.Unschedulable or StatusCode.UnschedulableAndUnresolvable or StatusCode.Pending;

    /// <summary>The reasons joined with ", ", as upstream's <c>Status.Message()</c>.</summary>
    public string Message => Reasons.Count switch
    {
        0 => "",
        1 => Reasons[0],
        _ => string.Join(", ", Reasons),
    };

    /// <summary>This status attributed to <paramref name="plugin"/> (itself when it already is).</summary>
    public Status WithPlugin(string plugin) => Plugin == plugin ? this : new(Code, plugin, (string[])Reasons, Error);

    /// <summary>This status with another code (same plugin, reasons and error).</summary>
    public Status WithCode(StatusCode code) => Code == code ? this : new(code, Plugin, (string[])Reasons, Error);

    /// <inheritdoc/>
    public override string ToString() => Plugin is null ? $"{Code}: {Message}" : $"{Code} ({Plugin}): {Message}";
}
