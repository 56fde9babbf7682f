namespace SharpKube.Kubelet.Probes;

/// <summary>What one run of a probe handler concluded.</summary>
public enum ProbeOutcome
{
    /// <summary>The check passed.</summary>
    Success,

    /// <summary>The check passed with a remark worth an event (an HTTP probe that stopped at a redirect to another host).</summary>
    Warning,

    /// <summary>The check failed; it counts towards the failure threshold.</summary>
    Failure,

    /// <summary>The probe could not be run (bad port, no pod IP, runtime error); the result is thrown away.</summary>
    Unknown,
}
