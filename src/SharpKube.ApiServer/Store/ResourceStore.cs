using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiServer.Admission;
using SharpKube.ApiServer.Conversion;
using SharpKube.ApiServer.Registry;
using SharpKube.ApiServer.WatchCache;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Store;

/// <summary>
/// The generic store of one resource at one version: the object lifecycle every kind shares
/// (names, uids, timestamps, resourceVersions, optimistic concurrency, generation, finalizers, graceful
/// deletion), with the kind's particular rules supplied by its <see cref="ResourceStrategy"/>.
/// Reads of collections go through the <see cref="ResourceCache"/>; single reads and writes go to the datastore.
/// </summary>
public sealed partial class ResourceStore
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private readonly IKeyValueStore _kv;
    private readonly StoreContext _context;

    /// <summary>Creates the store of <paramref name="resource"/>.</summary>
    public ResourceStore(ResourceDefinition resource, ResourceStrategy strategy, IKeyValueStore kv, ResourceCache cache, StoreContext context)
    {
        Resource = resource;
        Strategy = strategy;
        Cache = cache;
        _kv = kv;
        _context = context;
    }

    /// <summary>The resource served.</summary>
    public ResourceDefinition Resource { get; }

    /// <summary>The kind's rules.</summary>
    public ResourceStrategy Strategy { get; }

    /// <summary>The resource's watch cache.</summary>
    public ResourceCache Cache { get; }

    /// <summary>Converts between the served and the stored version when they differ; null when they are the same.</summary>
    public ObjectConverter? Converter { get; init; }

    /// <summary>How long objects live after their last write (Events: upstream's <c>--event-ttl</c>, 1 h); null for ever.</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>
    /// The mutating admission plugins that act on this resource, run in order on every create and on every update
    /// of the main resource: after the strategy's defaults, before validation.
    /// </summary>
    public IReadOnlyList<IMutatingAdmission> MutatingAdmission { get; init; } = [];

    /// <summary>Runs before an object is created (after defaults and admission, before validation), e.g. to allocate a ClusterIP.</summary>
    public Func<JsonObject, bool, CancellationToken, ValueTask>? BeforeCreate { get; set; }

    /// <summary>Runs before an object is updated (after validation), e.g. to allocate a NodePort; arguments are new and old.</summary>
    public Func<JsonObject, JsonObject, bool, CancellationToken, ValueTask>? BeforeUpdate { get; set; }

    /// <summary>The datastore key of an object.</summary>
    public string Key(string? ns, string name) =>
        Resource.Namespaced ? Resource.StoragePrefix + ns + "/" + name : Resource.StoragePrefix + name;

    /// <summary>Reads one object from the datastore (a consistent read), with its resourceVersion.</summary>
    public async Task<JsonObject> GetAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var current = await _kv.GetAsync(Key(ns, name), 0, cancellationToken).ConfigureAwait(false)
            ?? throw StatusErrors.NotFound(Resource, name);
        return DecodeServed(current);
    }

    /// <summary>An object's JSON (with resourceVersion) as read from the cache or datastore, in the served version.</summary>
    public byte[] ServedJson(byte[] storedJson) =>
        Converter is null ? storedJson : ObjectJson.Serialize(Converter.FromStorage(ObjectJson.ParseObject(storedJson)));

    /// <summary>
    /// The JSON a write answers with, from the bytes it stored: the resourceVersion spliced in, where the served
    /// version is the stored one; null where it is not (the caller serializes the converted object instead).
    /// </summary>
    private byte[]? ServedJsonOfWrite(byte[] stored, long revision) =>
        Converter is null ? ResourceVersionSplicer.Splice(stored, revision) : null;

    /// <summary>Parses a stored value into the served version, with its resourceVersion.</summary>
    private JsonObject DecodeServed(KeyValue stored) => Converter is null ? Decode(stored) : Converter.FromStorage(Decode(stored));

    /// <summary>The bytes stored for a served object.</summary>
    private byte[] EncodeStored(JsonObject obj) => Encode(Converter is null ? obj : Converter.ToStorage(obj));

    /// <summary>Parses a stored value and sets its resourceVersion.</summary>
    internal static JsonObject Decode(KeyValue stored)
    {
        var obj = ObjectJson.ParseObject(stored.Value.Span);
        ObjectJson.Metadata(obj)["resourceVersion"] = stored.ModRevision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return obj;
    }

    /// <summary>The bytes stored for an object: its JSON without resourceVersion.</summary>
    internal static byte[] Encode(JsonObject obj)
    {
        var metadata = ObjectJson.Metadata(obj);
        var resourceVersion = metadata["resourceVersion"];
        metadata.Remove("resourceVersion");
        try
        {
            return ObjectJson.Serialize(obj);
        }
        finally
        {
            if (resourceVersion is not null)
            {
                metadata["resourceVersion"] = resourceVersion;
            }
        }
    }

    private static void SetResourceVersion(JsonObject obj, long revision) =>
        ObjectJson.Metadata(obj)["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string NameOf(JsonObject obj) => ObjectJson.GetString(ObjectJson.Metadata(obj), "name") ?? "";

    /// <summary>Runs the mutating admission plugins on an update (inside the retry loop, so without waiting).</summary>
    private void Admit(JsonObject obj, JsonObject old)
    {
        foreach (var plugin in MutatingAdmission)
        {
            plugin.Admit(obj, old);
        }
    }

    /// <summary>Runs the mutating admission plugins on a create, letting them wait for lookups.</summary>
    private async ValueTask AdmitAsync(JsonObject obj, JsonObject? old, CancellationToken cancellationToken)
    {
        foreach (var plugin in MutatingAdmission)
        {
            await plugin.AdmitAsync(obj, old, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Validate(JsonObject obj, JsonObject? old, string? subresource = null)
    {
        var errors = new FieldErrorList();
        // Leases and webhook configurations accept any finalizer name, as upstream does.
        var strictFinalizers = Resource.Kind is not ("Lease" or "ValidatingWebhookConfiguration" or "MutatingWebhookConfiguration");
        MetadataValidation.Validate(obj, old, Strategy.NameRule, Resource.Namespaced, strictFinalizers, errors);
        if (old is null)
        {
            Strategy.Validate(obj, errors);
        }
        else if (subresource == "status")
        {
            Strategy.ValidateStatusUpdate(obj, old, errors);
        }
        else
        {
            Strategy.ValidateUpdate(obj, old, errors);
        }
        if (errors.Count > 0)
        {
            throw StatusErrors.Invalid(Resource.Group, Resource.Kind, NameOf(obj), errors);
        }
    }

    private string GenerateName(string prefix)
    {
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = GenerateNameAlphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(GenerateNameAlphabet.Length)];
        }
        return prefix + new string(suffix);
    }
}
