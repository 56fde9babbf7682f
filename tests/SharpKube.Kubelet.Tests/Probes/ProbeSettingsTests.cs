using k8s.Models;
using SharpKube.Kubelet.Probes;

namespace SharpKube.Kubelet.Tests.Probes;

public sealed class ProbeSettingsTests
{
    [Fact]
    public void Of_AnEmptyProbe_HasTheApiDefaults()
    {
        var settings = ProbeSettings.Of(new V1Probe(), ProbeKind.Readiness);

        Assert.Equal(new ProbeSettings(TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), 1, 3), settings);
    }

    [Theory]
    [InlineData(ProbeKind.Readiness, 4)]
    [InlineData(ProbeKind.Liveness, 1)]
    [InlineData(ProbeKind.Startup, 1)]
    public void Of_SuccessThreshold_CountsForReadinessOnly(ProbeKind kind, int expected)
    {
        var probe = new V1Probe { SuccessThreshold = 4, FailureThreshold = 7, PeriodSeconds = 2, TimeoutSeconds = 5, InitialDelaySeconds = 3 };

        var settings = ProbeSettings.Of(probe, kind);

        Assert.Equal(new ProbeSettings(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), expected, 7), settings);
    }
}
