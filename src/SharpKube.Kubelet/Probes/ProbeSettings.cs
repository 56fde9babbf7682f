using k8s.Models;

namespace SharpKube.Kubelet.Probes;

/// <summary>
/// A probe's timing and thresholds with the API's defaults applied (period 10 s, timeout 1 s, success 1, failure 3).
/// Liveness and startup probes succeed on one success whatever they say, as the API requires.
/// </summary>
/// <param name="InitialDelay">How long after the container started the probe first runs.</param>
/// <param name="Period">How often the probe runs.</param>
/// <param name="Timeout">How long one run may take.</param>
/// <param name="SuccessThreshold">Consecutive successes that make the result Success.</param>
/// <param name="FailureThreshold">Consecutive failures that make the result Failure.</param>
internal sealed record ProbeSettings(TimeSpan InitialDelay, TimeSpan Period, TimeSpan Timeout, int SuccessThreshold, int FailureThreshold)
{
    /// <summary>The settings of <paramref name="probe"/> used as a <paramref name="kind"/> probe.</summary>
    public static ProbeSettings Of(V1Probe probe, ProbeKind kind)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return new ProbeSettings(
            TimeSpan.FromSeconds(Math.Max(0, probe.InitialDelaySeconds ?? 0)),
            TimeSpan.FromSeconds(AtLeastOne(probe.PeriodSeconds, 10)),
            TimeSpan.FromSeconds(AtLeastOne(probe.TimeoutSeconds, 1)),
            kind == ProbeKind.Readiness ? AtLeastOne(probe.SuccessThreshold, 1) : 1,
            AtLeastOne(probe.FailureThreshold, 3));
    }

    /// <summary>The probe of <paramref name="container"/> of the given kind, if it has one.</summary>
    public static V1Probe? ProbeOf(V1Container container, ProbeKind kind) => kind switch
    {
        ProbeKind.Startup => container.StartupProbe,
        ProbeKind.Liveness => container.LivenessProbe,
        _ => container.ReadinessProbe,
    };

    // Validation rejects values below 1; a zero from an unvalidated source still must not spin the worker.
    private static int AtLeastOne(int? value, int fallback) => value is null or 0 ? fallback : Math.Max(1, value.Value);
}
