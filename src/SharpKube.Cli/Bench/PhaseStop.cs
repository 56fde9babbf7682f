using System.Diagnostics;

namespace SharpKube.Cli.Bench;

/// <summary>
/// When the closed-loop clients of a phase stop: at a deadline, or earlier when told or cancelled. Clients poll it between
/// operations (a timestamp read and a volatile read), never inside one, so every started operation is measured whole
/// and no timer callback has to win a thread-pool thread from busy clients.
/// </summary>
internal sealed class PhaseStop
{
    private readonly long _deadline;
    private readonly CancellationToken _cancellationToken;
    private volatile bool _stopped;

    private PhaseStop(long deadline, CancellationToken cancellationToken)
    {
        _deadline = deadline;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Stops after <paramref name="duration"/> from now, or when <paramref name="cancellationToken"/> is cancelled.</summary>
    public static PhaseStop After(TimeSpan duration, CancellationToken cancellationToken) =>
        new(Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency), cancellationToken);

    /// <summary>Stops only when <see cref="Stop"/> is called or <paramref name="cancellationToken"/> is cancelled.</summary>
    public static PhaseStop WhenTold(CancellationToken cancellationToken) => new(long.MaxValue, cancellationToken);

    /// <summary>Whether clients should stop now.</summary>
    public bool ShouldStop => _stopped || _cancellationToken.IsCancellationRequested || Stopwatch.GetTimestamp() >= _deadline;

    /// <summary>Stops the clients after their current operation.</summary>
    public void Stop() => _stopped = true;
}
