namespace SharpKube.Kubelet.Images;

/// <summary>The OCI image-spec media types of the documents and blobs an image archive holds.</summary>
internal static class OciMediaTypes
{
    /// <summary>An image index (<c>index.json</c>).</summary>
    public const string Index = "application/vnd.oci.image.index.v1+json";

    /// <summary>An image manifest.</summary>
    public const string Manifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>An image configuration.</summary>
    public const string Config = "application/vnd.oci.image.config.v1+json";

    /// <summary>A gzip-compressed layer tar.</summary>
    public const string GzipLayer = "application/vnd.oci.image.layer.v1.tar+gzip";
}
