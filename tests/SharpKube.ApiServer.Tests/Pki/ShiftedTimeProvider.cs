namespace SharpKube.ApiServer.Tests.Pki;

/// <summary>The system clock moved by a settable offset, to look at certificates months ahead.</summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
