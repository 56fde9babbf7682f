using System.Diagnostics;

namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>
/// When the closed-loop clients of a phase stop: at a deadline, or earlier when told. Clients poll it between
/// operations (a timestamp read and a volatile read), never inside one, so every started operation is measured whole
/// and no timer callback has to win a thread-pool thread from busy clients.
/// </summary>
internal sealed class PhaseStop
{
    private readonly long _deadline;
    private volatile bool _stopped;

    private PhaseStop(long deadline)
    {
        _deadline = deadline;
    }

    /// <summary>Stops after <paramref name="duration"/> from now.</summary>
    public static PhaseStop After(TimeSpan duration) =>
        new(Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency));

    /// <summary>Stops only when <see cref="Stop"/> is called.</summary>
    public static PhaseStop WhenTold() => new(long.MaxValue);

    /// <summary>Whether clients should stop now.</summary>
    public bool ShouldStop => _stopped || Stopwatch.GetTimestamp() >= _deadline;

    /// <summary>Stops the clients after their current operation.</summary>
    public void Stop() => _stopped = true;
}
