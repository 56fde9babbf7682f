namespace SharpKube.Cli.Bench.Controllers.Results;

/// <summary>What the controller manager logged over the run.</summary>
/// <param name="Lines">Lines printed.</param>
/// <param name="Warnings">Lines at warning level.</param>
/// <param name="Errors">Lines at error or critical level.</param>
/// <param name="ConflictLines">Lines that mention a conflict (HTTP 409), at any level.</param>
/// <param name="Samples">The first distinct warnings and errors (at most 10), without their timestamps.</param>
internal sealed record ControllerManagerLogSummary(long Lines, long Warnings, long Errors, long ConflictLines, IReadOnlyList<string> Samples);
