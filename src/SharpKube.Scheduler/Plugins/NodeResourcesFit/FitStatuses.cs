using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.NodeResourcesFit;

/// <summary>
/// The statuses of NodeResourcesFit's rejections. The four fixed reasons (pods, cpu, memory, ephemeral-storage) in
/// every combination are built once, so rejecting thousands of nodes allocates nothing; scalar resources allocate.
/// </summary>
internal static class FitStatuses
{
    public const int TooManyPods = 1;
    public const int Cpu = 2;
    public const int Memory = 4;
    public const int EphemeralStorage = 8;

    private static readonly string[] Reasons = ["Too many pods", "Insufficient cpu", "Insufficient memory", "Insufficient ephemeral-storage"];
    private static readonly Status?[] Cached = new Status?[32];

    /// <summary>The status for the fixed reasons in <paramref name="mask"/> plus <paramref name="scalarReasons"/>.</summary>
    public static Status For(int mask, bool unresolvable, List<string>? scalarReasons)
    {
        if (scalarReasons is null)
        {
            var index = mask | (unresolvable ? 16 : 0);
            return Volatile.Read(ref Cached[index]) ?? (Cached[index] = Build(mask, unresolvable, null));
        }
        return Build(mask, unresolvable, scalarReasons);
    }

    private static Status Build(int mask, bool unresolvable, List<string>? scalarReasons)
    {
        var reasons = new List<string>();
        for (var bit = 0; bit < Reasons.Length; bit++)
        {
            if ((mask & (1 << bit)) != 0)
            {
                reasons.Add(Reasons[bit]);
            }
        }
        if (scalarReasons is not null)
        {
            reasons.AddRange(scalarReasons);
        }
        return Status.Of(unresolvable ? StatusCode.UnschedulableAndUnresolvable : StatusCode.Unschedulable, NodeResourcesFitPlugin.PluginName, [.. reasons]);
    }
}
