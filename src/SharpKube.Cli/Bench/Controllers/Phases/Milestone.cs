using System.Diagnostics;

namespace SharpKube.Cli.Bench.Controllers.Phases;

/// <summary>A moment a phase waits for — all ReplicaSets exist, all pods created… — reached once, at the <see cref="Stopwatch"/> timestamp it was first seen.</summary>
internal sealed class Milestone
{
    private readonly TaskCompletionSource<long> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Milestone(string description)
    {
        Description = description;
    }

    /// <summary>What is waited for, in words.</summary>
    public string Description { get; }

    /// <summary>Completes with the timestamp when the milestone is reached.</summary>
    public Task<long> Reached => _reached.Task;

    /// <summary>Marks the milestone reached now, unless it was already.</summary>
    public void Reach() => _reached.TrySetResult(Stopwatch.GetTimestamp());

    /// <summary>Seconds from <paramref name="start"/> to the milestone, which must have been reached.</summary>
    public double SecondsAfter(long start) => _reached.Task.IsCompletedSuccessfully
        ? Math.Round(Stopwatch.GetElapsedTime(start, _reached.Task.Result).TotalSeconds, 3)
        : throw new InvalidOperationException($"'{Description}' was not reached");
}
