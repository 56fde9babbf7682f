namespace SharpKube.ApiMachinery.Discovery;

/// <summary>A discovery response ready to send: the body, its Content-Type and its ETag.</summary>
/// <param name="Body">The UTF-8 JSON body.</param>
/// <param name="ContentType">The exact Content-Type header value.</param>
/// <param name="ETag">The quoted entity tag of <paramref name="Body"/>.</param>
public sealed record DiscoveryDocument(byte[] Body, string ContentType, string ETag)
{
    /// <summary>Wraps a body, computing its ETag.</summary>
    public static DiscoveryDocument Create(byte[] body, string contentType) =>
        new(body, contentType, EntityTag.For(body));
}
