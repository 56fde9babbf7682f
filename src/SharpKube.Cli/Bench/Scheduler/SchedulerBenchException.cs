namespace SharpKube.Cli.Bench.Scheduler;

/// <summary>The scheduler benchmark could not run to its end: a component failed to start or exited, or a phase timed out.</summary>
internal sealed class SchedulerBenchException : Exception
{
    public SchedulerBenchException(string message)
        : base(message)
    {
    }

    public SchedulerBenchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
