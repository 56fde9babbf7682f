using SharpKube.Kubelet.Status;

namespace SharpKube.Kubelet.Tests.Status;

public sealed class CriTimeTests
{
    [Fact]
    public void ToApiTime_DropsTheFractionOfASecondInUtc()
    {
        var time = CriTime.ToApiTime(CriContainers.At(7));

        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 12, DateTimeKind.Utc), time);
        Assert.Equal(DateTimeKind.Utc, time!.Value.Kind);
    }

    [Fact]
    public void ToApiTime_OfZero_IsNotSet() => Assert.Null(CriTime.ToApiTime(0));

    [Fact]
    public void ToOffset_KeepsTheFractionToTheTick() =>
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 12, TimeSpan.Zero).AddTicks(1_234_567), CriTime.ToOffset(CriContainers.At(7)));
}
