using SharpKube.Scheduler.Plugins.PodTopologySpread;

namespace SharpKube.Scheduler.Tests.Plugins.PodTopologySpread;

public sealed class CriticalPathsTests
{
    [Fact]
    public void KeepsTheEmptiestDomain_AsCountsGoUpAndDown()
    {
        var paths = CriticalPaths.Empty;
        Assert.Equal(int.MaxValue, paths.MinCount);

        paths.Update("a", 3);
        paths.Update("b", 1);
        paths.Update("c", 2);
        Assert.Equal(("b", 1), (paths.MinDomain, paths.MinCount));

        // b grows past c: the second path takes over.
        paths.Update("b", 4);
        Assert.Equal(("c", 2), (paths.MinDomain, paths.MinCount));

        paths.Update("a", 0);
        Assert.Equal(("a", 0), (paths.MinDomain, paths.MinCount));
    }
}
