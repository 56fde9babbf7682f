using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using SharpKube.ApiMachinery.Discovery;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.Serialization;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// The OpenAPI v3 documents of a registry, built once: the <c>/openapi/v3</c> index and one document per
/// group/version. Every PATCH operation carries its kind's <c>x-kubernetes-group-version-kind</c> and a
/// <c>fieldValidation</c> parameter, which tells kubectl to leave field validation to the server. PATCH of a built-in
/// kind also lists strategic merge patch, and kubectl then builds its strategic patches from the schemas, so they
/// must carry the patch extensions (<see cref="PatchMetadataExtensions"/>) for lists to merge by key.
/// </summary>
public sealed class OpenApiV3Documents
{
    /// <summary>The Kubernetes version the documents describe (their <c>info.version</c>).</summary>
    public const string KubernetesVersion = "v1.32.0";

    /// <summary>The Content-Type of the index and of every document.</summary>
    public const string ContentType = "application/json";

    private readonly FrozenDictionary<string, (byte[] Document, string Hash)> _documents;

    /// <summary>
    /// Builds the index and every group/version document of <paramref name="registry"/>, with the patch
    /// extensions <paramref name="patchMetadata"/> supplies (none when null).
    /// </summary>
    public OpenApiV3Documents(ResourceRegistry registry, IPatchMetadataSource? patchMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var documents = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var (group, version) in registry.GroupVersions)
        {
            var path = group.Length == 0 ? "api/" + version : "apis/" + group + "/" + version;
            var document = GroupVersionDocumentWriter.Write(registry, group, version, KubernetesVersion, patchMetadata);
            documents.Add(path, (document, EntityTag.Hash(document)));
        }
        _documents = documents.ToFrozenDictionary(StringComparer.Ordinal);
        Paths = [.. documents.Keys.Order(StringComparer.Ordinal)];
        Index = JsonBody.Build(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("paths");
            foreach (var path in Paths)
            {
                writer.WriteStartObject(path);
                writer.WriteString("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + _documents[path].Hash);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        IndexETag = EntityTag.For(Index);
    }

    /// <summary>The documents of the built-in registry, with the patch extensions, as served.</summary>
    public static OpenApiV3Documents BuiltIn { get; } = new(ResourceRegistry.BuiltIn, PatchMetadataExtensions.Instance);

    /// <summary>
    /// The <c>/openapi/v3</c> body: <c>{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"},…}}</c>.
    /// </summary>
    public byte[] Index { get; }

    /// <summary>The quoted ETag of <see cref="Index"/>.</summary>
    public string IndexETag { get; }

    /// <summary>The document paths relative to <c>/openapi/v3/</c>: <c>api/v1</c>, <c>apis/apps/v1</c>, …</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>
    /// The document at <paramref name="path"/> (relative to <c>/openapi/v3/</c>, e.g. <c>apis/apps/v1</c>) and its
    /// hash: uppercase hex SHA-512 of the body, the value of the index's <c>hash</c> query parameter. Quoted, the
    /// hash is the document's ETag. False when no such group/version is served.
    /// </summary>
    public bool TryGet(string path, [MaybeNullWhen(false)] out byte[] document, [MaybeNullWhen(false)] out string hash)
    {
        if (_documents.TryGetValue(path, out var entry))
        {
            (document, hash) = entry;
            return true;
        }
        document = null;
        hash = null;
        return false;
    }
}
