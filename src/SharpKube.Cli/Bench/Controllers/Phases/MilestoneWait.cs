using System.Diagnostics;
using System.Globalization;

namespace SharpKube.Cli.Bench.Controllers.Phases;

/// <summary>
/// Waits for a phase's milestones with a deadline, failing at once if a component process exits, and prints how far
/// the namespace is every few seconds.
/// </summary>
internal sealed class MilestoneWait
{
    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan _progressInterval = TimeSpan.FromSeconds(5);

    private readonly RolloutTracker _tracker;
    private readonly Func<string?> _componentFailure;
    private readonly TextWriter _progress;

    /// <param name="tracker">What the milestones are marked by, and describes the namespace.</param>
    /// <param name="componentFailure">How a component process ended, if one has; null while all run.</param>
    /// <param name="progress">Where progress lines go.</param>
    public MilestoneWait(RolloutTracker tracker, Func<string?> componentFailure, TextWriter progress)
    {
        _tracker = tracker;
        _componentFailure = componentFailure;
        _progress = progress;
    }

    /// <summary>Returns once every milestone is reached; throws if <paramref name="timeout"/> passes after <paramref name="start"/> first.</summary>
    public async Task WaitAsync(string phase, IReadOnlyList<Milestone> milestones, long start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var all = Task.WhenAll(milestones.Select(m => m.Reached));
        var lastReport = Stopwatch.GetTimestamp();
        while (!all.IsCompleted)
        {
            await Task.WhenAny(all, Task.Delay(_poll, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (all.IsCompleted)
            {
                break;
            }

            if (_componentFailure() is { } failure)
            {
                throw new ControllersBenchException($"{phase}: {failure}; by then: {_tracker.Describe()}");
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed >= timeout)
            {
                var missing = string.Join(", ", milestones.Where(m => !m.Reached.IsCompleted).Select(m => m.Description));
                throw new ControllersBenchException(
                    $"{phase}: timed out after {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s waiting for {missing}; " +
                    $"there are {_tracker.Describe()}");
            }

            if (Stopwatch.GetElapsedTime(lastReport) >= _progressInterval)
            {
                lastReport = Stopwatch.GetTimestamp();
                await _progress.WriteLineAsync($"[controllers]   {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s: {_tracker.Describe()}");
            }
        }
    }
}
