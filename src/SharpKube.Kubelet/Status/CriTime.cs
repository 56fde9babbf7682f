namespace SharpKube.Kubelet.Status;

/// <summary>CRI timestamps (nanoseconds since the Unix epoch) as the API's whole-second UTC times.</summary>
public static class CriTime
{
    /// <summary>The time <paramref name="unixNanoseconds"/> stands for, truncated to the second; null for 0 (not set).</summary>
    public static DateTime? ToApiTime(long unixNanoseconds) => unixNanoseconds <= 0
        ? null
        : DateTime.SpecifyKind(DateTime.UnixEpoch.AddSeconds(unixNanoseconds / 1_000_000_000), DateTimeKind.Utc);

    /// <summary>The time <paramref name="unixNanoseconds"/> stands for, with full precision.</summary>
    public static DateTimeOffset ToOffset(long unixNanoseconds) => DateTimeOffset.UnixEpoch.AddTicks(unixNanoseconds / 100);
}
