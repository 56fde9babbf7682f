namespace SharpKube.Scheduler.Configuration;

/// <summary>A <c>KubeSchedulerConfiguration</c> file that cannot be used: malformed, strict-decoding or validation errors.</summary>
public sealed class SchedulerConfigurationException : FormatException
{
    /// <summary>An exception listing <paramref name="errors"/> for <paramref name="source"/>.</summary>
    public SchedulerConfigurationException(string source, IReadOnlyList<string> errors)
        : base($"invalid scheduler configuration {source}: {string.Join("; ", errors)}")
    {
        Errors = errors;
    }

    /// <summary>An exception with <paramref name="message"/>.</summary>
    public SchedulerConfigurationException(string message)
        : base(message)
    {
        Errors = [message];
    }

    /// <summary>An exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public SchedulerConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>An exception without details.</summary>
    public SchedulerConfigurationException()
        : this("invalid scheduler configuration")
    {
    }

    /// <summary>Each problem found, with the field path upstream's validation would name.</summary>
    public IReadOnlyList<string> Errors { get; }
}
