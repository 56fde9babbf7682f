using System.Text.Encodings.Web;
using System.Text.Json;

namespace SharpKube.Kubelet.Images;

/// <summary>
/// The JSON documents of an OCI image layout, written field by field in a fixed order so that their digests are
/// stable: the image config, the manifest, <c>index.json</c> and <c>oci-layout</c>.
/// </summary>
internal static class OciDocuments
{
    // Media types contain '+', which the default encoder would write as \u002B; the documents hold only our ASCII values.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string Epoch = "1970-01-01T00:00:00Z";

    /// <summary>The <c>oci-layout</c> file.</summary>
    public static byte[] Layout() => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("imageLayoutVersion", "1.0.0");
        w.WriteEndObject();
    });

    /// <summary>The image configuration of a single-layer image whose uncompressed layer has digest <paramref name="diffId"/>.</summary>
    public static byte[] Config(OciImageConfig config, string architecture, string diffId) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("created", Epoch);
        w.WriteString("architecture", architecture);
        w.WriteString("os", "linux");
        w.WriteStartObject("config");
        WriteStrings(w, "Env", config.Env);
        WriteStrings(w, "Entrypoint", config.Entrypoint);
        WriteStrings(w, "Cmd", config.Cmd);
        w.WriteString("WorkingDir", config.WorkingDir);
        w.WriteEndObject();
        w.WriteStartObject("rootfs");
        w.WriteString("type", "layers");
        w.WriteStartArray("diff_ids");
        w.WriteStringValue(diffId);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("history");
        w.WriteStartObject();
        w.WriteString("created", Epoch);
        w.WriteString("created_by", "sharpkube images build");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>The manifest naming <paramref name="config"/> and the gzipped <paramref name="layer"/>.</summary>
    public static byte[] Manifest(OciBlob config, OciBlob layer) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", OciMediaTypes.Manifest);
        w.WritePropertyName("config");
        WriteDescriptor(w, OciMediaTypes.Config, config);
        w.WriteEndObject();
        w.WriteStartArray("layers");
        WriteDescriptor(w, OciMediaTypes.GzipLayer, layer);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>
    /// <c>index.json</c> with one manifest, annotated with the full reference (which <c>ctr images import</c> names the
    /// image after) and the tag (the OCI layout's own ref name).
    /// </summary>
    public static byte[] Index(OciBlob manifest, string architecture, string reference, string tag) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", OciMediaTypes.Index);
        w.WriteStartArray("manifests");
        WriteDescriptor(w, OciMediaTypes.Manifest, manifest);
        w.WriteStartObject("platform");
        w.WriteString("architecture", architecture);
        w.WriteString("os", "linux");
        w.WriteEndObject();
        w.WriteStartObject("annotations");
        w.WriteString("io.containerd.image.name", reference);
        w.WriteString("org.opencontainers.image.ref.name", tag);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Starts a descriptor object (mediaType, digest, size); the caller may add fields and must end it.</summary>
    private static void WriteDescriptor(Utf8JsonWriter w, string mediaType, OciBlob blob)
    {
        w.WriteStartObject();
        w.WriteString("mediaType", mediaType);
        w.WriteString("digest", blob.Digest);
        w.WriteNumber("size", blob.Size);
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            write(writer);
        }

        return output.ToArray();
    }
}
