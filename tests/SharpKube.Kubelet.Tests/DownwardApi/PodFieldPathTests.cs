using k8s.Models;
using SharpKube.Kubelet.DownwardApi;

namespace SharpKube.Kubelet.Tests.DownwardApi;

public sealed class PodFieldPathTests
{
    private static readonly V1Pod Pod = new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web", NamespaceProperty = "shop", Uid = "u-1",
            Labels = new Dictionary<string, string> { ["tier"] = "front", ["app"] = "web" },
            Annotations = new Dictionary<string, string> { ["note"] = "say \"hi\"\n\tbye" },
        },
        Spec = new V1PodSpec { NodeName = "n1", ServiceAccountName = "default" },
        Status = new V1PodStatus { PodIP = "10.42.0.5", PodIPs = [new V1PodIP { Ip = "10.42.0.5" }, new V1PodIP { Ip = "fd00::5" }], HostIP = "192.0.2.2" },
    };

    [Theory]
    [InlineData("metadata.name", "web")]
    [InlineData("metadata.namespace", "shop")]
    [InlineData("metadata.uid", "u-1")]
    [InlineData("metadata.labels['tier']", "front")]
    [InlineData("metadata.labels['missing']", "")]
    [InlineData("spec.nodeName", "n1")]
    [InlineData("spec.serviceAccountName", "default")]
    [InlineData("status.podIP", "10.42.0.5")]
    [InlineData("status.podIPs", "10.42.0.5,fd00::5")]
    [InlineData("status.hostIP", "192.0.2.2")]
    public void Resolve_ASupportedPath_GivesThePodsValue(string path, string expected) =>
        Assert.Equal(expected, PodFieldPath.Resolve(Pod, path));

    [Fact]
    public void Resolve_TheWholeLabelMap_GivesSortedQuotedLinesWithoutATrailingNewline() =>
        Assert.Equal("app=\"web\"\ntier=\"front\"", PodFieldPath.Resolve(Pod, "metadata.labels"));

    [Fact]
    public void Resolve_AnAnnotationWithQuotesAndControlCharacters_EscapesThemAsGoDoes() =>
        Assert.Equal("note=\"say \\\"hi\\\"\\n\\tbye\"", PodFieldPath.Resolve(Pod, "metadata.annotations"));

    [Fact]
    public void Resolve_AnUnsupportedPath_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => PodFieldPath.Resolve(Pod, "spec.containers"));
        Assert.StartsWith("unsupported fieldPath: spec.containers", error.Message, StringComparison.Ordinal);
    }
}
