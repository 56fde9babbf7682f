namespace SharpKube.Kubelet.Tests.Server;

/// <summary>A unique line for a shared log file, so tests reading its tail do not depend on one another.</summary>
public sealed record LogLine(int Second, string Text)
{
    private static int _counter;

    public static LogLine Next()
    {
        var n = Interlocked.Increment(ref _counter);
        return new LogLine(n % 60, $"line {n} {Guid.NewGuid():N}");
    }
}
