using System.Security.Cryptography;
using System.Text.Json;

namespace SharpKube.Kubelet.Tests.Images;

/// <summary>An OCI image-layout tar parsed the way an importer follows it: index.json → manifest → config and layer.</summary>
internal sealed class OciLayout
{
    private OciLayout(TarContents archive)
    {
        Archive = archive;
        Index = JsonDocument.Parse(archive.Data("index.json")).RootElement;
        ManifestDescriptor = Index.GetProperty("manifests")[0];
        Manifest = JsonDocument.Parse(Blob(ManifestDescriptor.GetProperty("digest").GetString()!)).RootElement;
        ConfigDescriptor = Manifest.GetProperty("config");
        Config = JsonDocument.Parse(Blob(ConfigDescriptor.GetProperty("digest").GetString()!)).RootElement;
        LayerDescriptor = Manifest.GetProperty("layers")[0];
        GzippedLayer = Blob(LayerDescriptor.GetProperty("digest").GetString()!);
        Layer = TarContents.Read(TarContents.Gunzip(GzippedLayer));
    }

    public TarContents Archive { get; }

    public JsonElement Index { get; }

    public JsonElement ManifestDescriptor { get; }

    public JsonElement Manifest { get; }

    public JsonElement ConfigDescriptor { get; }

    public JsonElement Config { get; }

    public JsonElement LayerDescriptor { get; }

    public byte[] GzippedLayer { get; }

    public TarContents Layer { get; }

    public static OciLayout Read(byte[] tar) => new(TarContents.Read(tar));

    public static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    public byte[] Blob(string digest)
    {
        Assert.StartsWith("sha256:", digest);
        return Archive.Data("blobs/sha256/" + digest["sha256:".Length..]);
    }
}
