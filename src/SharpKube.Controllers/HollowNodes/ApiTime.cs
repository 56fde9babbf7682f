namespace SharpKube.Controllers.HollowNodes;

/// <summary>Timestamps as the API's <c>metav1.Time</c> carries them: UTC, whole seconds.</summary>
internal static class ApiTime
{
    /// <summary>The current time of <paramref name="time"/>, truncated to the second.</summary>
    public static DateTime Now(TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}
