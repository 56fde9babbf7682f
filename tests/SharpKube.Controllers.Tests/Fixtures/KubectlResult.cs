namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>What a kubectl run produced.</summary>
public sealed record KubectlResult(int ExitCode, string Output, string Error)
{
    /// <summary>Throws with kubectl's output when it failed.</summary>
    public KubectlResult EnsureSuccess() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"kubectl exited {ExitCode}: {Error}{Output}");
}
