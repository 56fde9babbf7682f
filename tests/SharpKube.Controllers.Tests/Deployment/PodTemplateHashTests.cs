using k8s.Models;
using SharpKube.Controllers.Deployment;

namespace SharpKube.Controllers.Tests.Deployment;

public sealed class PodTemplateHashTests
{
    [Fact]
    public void Compute_UsesTheSafeAlphabet_WithUpToTenCharacters()
    {
        var hash = PodTemplateHash.Compute(Template("busybox:1.35"), null);

        Assert.InRange(hash.Length, 1, 10);
        Assert.All(hash, c => Assert.Contains(c, "bcdfghjklmnpqrstvwxz2456789"));
    }

    [Fact]
    public void Compute_IgnoresFieldOrder_ButNotContent()
    {
        var a = Template("busybox:1.35");
        a.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "fe" };
        var b = Template("busybox:1.35");
        b.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "fe", ["app"] = "web" };

        Assert.Equal(PodTemplateHash.Compute(a, null), PodTemplateHash.Compute(b, null));
        Assert.NotEqual(PodTemplateHash.Compute(a, null), PodTemplateHash.Compute(Template("busybox:1.36"), null));
    }

    [Fact]
    public void Compute_ChangesWithTheCollisionCount()
    {
        var template = Template("busybox:1.35");

        Assert.NotEqual(PodTemplateHash.Compute(template, null), PodTemplateHash.Compute(template, 1));
        Assert.NotEqual(PodTemplateHash.Compute(template, 1), PodTemplateHash.Compute(template, 2));
        Assert.Equal(PodTemplateHash.Compute(template, 2), PodTemplateHash.Compute(template, 2));
    }

    [Fact]
    public void SafeEncode_MapsEachCharacterByItsCode()
    {
        // '0' is 48: 48 % 27 = 21 → '4'; '9' is 57: 57 % 27 = 3 → 'f'.
        Assert.Equal("4f", PodTemplateHash.SafeEncode("09"));
    }

    [Fact]
    public void EqualIgnoringHash_IgnoresOnlyTheHashLabel()
    {
        var withHash = Template("busybox:1.35");
        withHash.Metadata.Labels[PodTemplateHash.Label] = "abc";

        Assert.True(PodTemplates.EqualIgnoringHash(withHash, Template("busybox:1.35")));
        Assert.False(PodTemplates.EqualIgnoringHash(withHash, Template("busybox:1.36")));
    }

    private static V1PodTemplateSpec Template(string image) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image }] },
    };
}
