namespace SharpKube.Kubelet.Probes;

/// <summary>One probe run: its outcome and the output upstream's kubelet puts into events (at most 10 KiB of it).</summary>
/// <param name="Outcome">What the run concluded.</param>
/// <param name="Output">The handler's output: a command's output, a response body, or why the check failed.</param>
public readonly record struct ProbeResult(ProbeOutcome Outcome, string Output)
{
    /// <summary>The most output a probe keeps, as upstream (bodies and command output are cut there).</summary>
    public const int MaxOutputBytes = 10 * 1024;

    /// <summary>A passed check.</summary>
    public static ProbeResult Success(string output = "") => new(ProbeOutcome.Success, output);

    /// <summary>A passed check worth a warning event.</summary>
    public static ProbeResult Warning(string output) => new(ProbeOutcome.Warning, output);

    /// <summary>A failed check.</summary>
    public static ProbeResult Failure(string output) => new(ProbeOutcome.Failure, output);

    /// <summary>A probe that could not be run.</summary>
    public static ProbeResult Unknown(string error) => new(ProbeOutcome.Unknown, error);
}
