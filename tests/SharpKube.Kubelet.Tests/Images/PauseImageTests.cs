using System.Buffers.Binary;
using SharpKube.Kubelet.Images;

namespace SharpKube.Kubelet.Tests.Images;

public sealed class PauseImageTests
{
    [Fact]
    public void ReadBinary_ReturnsAStaticElfExecutable()
    {
        var binary = PauseImage.ReadBinary();

        Assert.Equal("\u007fELF"u8.ToArray(), binary[..4]);
        Assert.Equal(2, binary[4]); // ELFCLASS64
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(binary.AsSpan(0x10))); // ET_EXEC
        // A dynamically linked program has a PT_INTERP program header naming its loader; a static one has none.
        var headersAt = (int)BinaryPrimitives.ReadUInt64LittleEndian(binary.AsSpan(0x20));
        var headerSize = BinaryPrimitives.ReadUInt16LittleEndian(binary.AsSpan(0x36));
        var headerCount = BinaryPrimitives.ReadUInt16LittleEndian(binary.AsSpan(0x38));
        var types = Enumerable.Range(0, headerCount).Select(i => BinaryPrimitives.ReadUInt32LittleEndian(binary.AsSpan(headersAt + (i * headerSize))));
        Assert.DoesNotContain(3u, types); // PT_INTERP
    }

    [Fact]
    public void Write_HoldsOnlyThePauseProgram_AsTheEntrypoint()
    {
        using var output = new MemoryStream();
        PauseImage.Write(output);
        var layout = OciLayout.Read(output.ToArray());

        Assert.Equal(["pause"], layout.Layer.Names);
        Assert.Equal(PauseImage.ReadBinary(), layout.Layer.Data("pause"));
        Assert.Equal(LayerEntry.ExecutableMode, layout.Layer.Entry("pause").Mode);
        Assert.Equal(["/pause"], OciLayout.Strings(layout.Config.GetProperty("config").GetProperty("Entrypoint")));
        Assert.Equal("docker.io/sharpkube/pause:1", layout.ManifestDescriptor.GetProperty("annotations").GetProperty("io.containerd.image.name").GetString());
    }
}
