using System.Text;
using System.Text.Json;
using k8s.Models;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.Tests.Patching;

public sealed class PatchOpenApiExtensionsTests
{
    [Theory]
    [InlineData(typeof(V1Pod), "spec.containers",
        """{"x-kubernetes-patch-strategy":"merge","x-kubernetes-patch-merge-key":"name","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"]}""")]
    [InlineData(typeof(V1Pod), "spec.volumes",
        """{"x-kubernetes-patch-strategy":"merge,retainKeys","x-kubernetes-patch-merge-key":"name","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"]}""")]
    [InlineData(typeof(V1Pod), "spec.containers.ports",
        """{"x-kubernetes-patch-strategy":"merge","x-kubernetes-patch-merge-key":"containerPort","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["containerPort","protocol"]}""")]
    [InlineData(typeof(V1Pod), "metadata.finalizers",
        """{"x-kubernetes-patch-strategy":"merge","x-kubernetes-list-type":"set"}""")]
    [InlineData(typeof(V1Pod), "status.hostIPs",
        """{"x-kubernetes-patch-strategy":"merge","x-kubernetes-patch-merge-key":"ip","x-kubernetes-list-type":"atomic"}""")]
    [InlineData(typeof(V1Deployment), "spec.strategy", """{"x-kubernetes-patch-strategy":"retainKeys"}""")]
    // The selector's atomicity is the LabelSelector type's own extension (WriteType), not its referrers'.
    [InlineData(typeof(V1Deployment), "spec.selector", "{}")]
    [InlineData(typeof(V1Pod), "spec.nodeSelector", """{"x-kubernetes-map-type":"atomic"}""")]
    [InlineData(typeof(V1Service), "spec.selector", """{"x-kubernetes-map-type":"atomic"}""")]
    [InlineData(typeof(V1Pod), "spec.tolerations", "{}")]
    public void Extensions_ComeFromThePatchTable(Type type, string path, string expected)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            PatchOpenApiExtensions.Write(writer, PatchMetadata.For(type).At(path));
            writer.WriteEndObject();
        }

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Theory]
    [InlineData(typeof(V1LabelSelector), """{"x-kubernetes-map-type":"atomic"}""")]
    [InlineData(typeof(V1ObjectReference), """{"x-kubernetes-map-type":"atomic"}""")]
    [InlineData(typeof(V1PodSpec), "{}")]
    public void TypeExtensions_MarkAtomicStructs(Type type, string expected)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            PatchOpenApiExtensions.WriteType(writer, type);
            writer.WriteEndObject();
        }

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
