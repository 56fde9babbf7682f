namespace SharpKube.ApiMachinery.Errors;

/// <summary>
/// An error that reaches the client as a <c>metav1.Status</c> with <see cref="Code"/>, <see cref="Reason"/>
/// and <see cref="Exception.Message"/>. Build them with <see cref="StatusErrors"/> so messages match upstream.
/// </summary>
public sealed class StatusException : Exception
{
    /// <summary>Creates a Status error.</summary>
    public StatusException(int code, string reason, string message, StatusDetails? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>HTTP status code, e.g. 404.</summary>
    public int Code { get; }

    /// <summary>Status reason, e.g. <c>NotFound</c>; empty when upstream leaves it unset.</summary>
    public string Reason { get; }

    /// <summary>The Status's <c>details</c>, when any.</summary>
    public StatusDetails? Details { get; }

    /// <summary>Seconds the client should wait before retrying (Retry-After), when any.</summary>
    public int? RetryAfterSeconds => Details?.RetryAfterSeconds;
}
