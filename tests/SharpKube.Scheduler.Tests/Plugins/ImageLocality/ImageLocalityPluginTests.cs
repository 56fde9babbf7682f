using k8s.Models;
using SharpKube.Scheduler.Cache;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.ImageLocality;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.ImageLocality;

public sealed class ImageLocalityPluginTests
{
    private const long Mb = 1024 * 1024;

    private readonly Snapshot _snapshot = new();

    /// <summary>Nodes with images (name → size in MB), through the cache, which shares and counts the images.</summary>
    private void Cluster(params (string Node, (string Name, long SizeMb)[] Images)[] nodes)
    {
        var cache = new SchedulerCache();
        foreach (var (name, images) in nodes)
        {
            var node = Make.Node(name);
            node.Status.Images = [.. images.Select(i => new V1ContainerImage { Names = [i.Name], SizeBytes = i.SizeMb * Mb })];
            cache.AddNode(node);
        }
        cache.UpdateSnapshot(_snapshot);
    }

    private long Score(string node, params string[] images) => Score(node, [], images);

    private long Score(string node, string[] initImages, string[] images)
    {
        var pod = Make.Pod("p");
        pod.Spec.InitContainers = [.. initImages.Select((image, i) => new V1Container { Name = $"init-{i}", Image = image })];
        pod.Spec.Containers = [.. images.Select((image, i) => new V1Container { Name = $"c-{i}", Image = image })];
        var plugin = new ImageLocalityPlugin(new FrameworkHandle(Make.NowhereClient(), _snapshot));
        var state = new CycleState();
        var info = Make.Info(pod);
        Assert.True(plugin.PreScore(state, info, _snapshot.NodeInfos).IsSuccess);
        Assert.True(plugin.Score(state, info, _snapshot.Get(node)!, out var score).IsSuccess);
        return score;
    }

    [Fact]
    public void Score_ScalesTheImageSizeByItsSpread_BetweenTheThresholds()
    {
        Cluster(("a", [("docker.io/library/app:1", 300), ("docker.io/library/common:1", 300)]), ("b", [("docker.io/library/common:1", 300)]), ("c", []));

        // 300 MB × 1/3 = 100 MB: 100 × (100 − 23) / (1000 − 23) = 7.88 → 7.
        Assert.Equal(7, Score("a", "docker.io/library/app:1"));
        // 300 MB × 2/3 = 200 MB: 100 × (200 − 23) / 977 = 18.1 → 18.
        Assert.Equal(18, Score("a", "docker.io/library/common:1"));
        Assert.Equal(18, Score("b", "docker.io/library/common:1"));
        Assert.Equal(0, Score("c", "docker.io/library/common:1"));
    }

    [Fact]
    public void Score_IsZeroBelowTheMinimumThreshold_AndOneHundredAboveTheMaximumPerContainer()
    {
        Cluster(("a", [("docker.io/library/small:1", 20), ("docker.io/library/huge:1", 3000), ("docker.io/library/big:1", 1500)]));

        Assert.Equal(0, Score("a", "docker.io/library/small:1"));
        Assert.Equal(100, Score("a", "docker.io/library/huge:1"));
        // Init containers count: 3000 + 1500 = 4500 MB, clamped at 2 × 1000 MB.
        Assert.Equal(100, Score("a", ["docker.io/library/huge:1"], ["docker.io/library/big:1"]));
        // Two containers, one image of 1500 MB: 100 × (1500 − 23) / (2000 − 23) = 74.7 → 74.
        Assert.Equal(74, Score("a", "docker.io/library/big:1", "docker.io/library/missing:1"));
    }

    [Fact]
    public void Score_FindsShortImageNamesUnderTheirFullyQualifiedAndTaggedNames()
    {
        Cluster(("a", [("docker.io/library/busybox:latest", 500), ("docker.io/team/app:v2", 500), ("registry.example:5000/tool:latest", 500),
            ("nginx:latest", 500)]));

        // 500 MB on the only node: 100 × 477 / 977 = 48.8 → 48.
        Assert.Equal(48, Score("a", "busybox"));
        Assert.Equal(48, Score("a", "busybox:latest"));
        Assert.Equal(48, Score("a", "docker.io/busybox"));
        Assert.Equal(48, Score("a", "team/app:v2"));
        Assert.Equal(48, Score("a", "registry.example:5000/tool"));
        Assert.Equal(48, Score("a", "nginx"));
        Assert.Equal(0, Score("a", "busybox:1.36"));
    }

    [Theory]
    [InlineData("busybox", "busybox:latest", "docker.io/library/busybox:latest")]
    [InlineData("busybox:1.36", "busybox:1.36", "docker.io/library/busybox:1.36")]
    [InlineData("team/app", "team/app:latest", "docker.io/team/app:latest")]
    [InlineData("docker.io/busybox", "docker.io/busybox:latest", "docker.io/library/busybox:latest")]
    [InlineData("localhost:5000/app", "localhost:5000/app:latest", "localhost:5000/app:latest")]
    [InlineData("busybox@sha256:abc", "busybox@sha256:abc", "docker.io/library/busybox@sha256:abc")]
    public void ImageNames_AddTheDefaultTagAndTheDockerHubDomain(string image, string tagged, string qualified)
    {
        Assert.Equal(tagged, ImageNames.WithDefaultTag(image));
        Assert.Equal(qualified, ImageNames.Qualified(ImageNames.WithDefaultTag(image)));
    }
}
