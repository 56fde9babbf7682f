using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.FieldManagement;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiServer.Store;

public sealed partial class ResourceStore
{
    private static readonly FieldSet StatusOnly = FieldOwnershipScope.Build(["f:status"]);

    private FieldOwnershipScope? _mainScope;
    private FieldOwnershipScope? _statusScope;

    /// <summary>
    /// The field ownership of writes through <paramref name="subresource"/>: the kind's patch schema (generic
    /// for kinds without a model), the served version, and for kinds with a status subresource, <c>status</c>
    /// owned only through it.
    /// </summary>
    public FieldOwnershipScope OwnershipScope(string? subresource)
    {
        _mainScope ??= new FieldOwnershipScope(
            Resource.ModelType is { } model ? PatchMetadata.For(model) : PatchSchema.Unknown,
            Resource.GroupVersion,
            Ignored: Strategy.HasStatusSubresource ? StatusOnly : null);
        return subresource switch
        {
            null => _mainScope,
            "status" => _statusScope ??= _mainScope with { Subresource = "status", Ignored = null, OnlyUnder = StatusOnly },
            _ => _mainScope with { Subresource = subresource },
        };
    }

    /// <summary>Credits a create (<paramref name="old"/> null) or update to the request's field manager.</summary>
    private void RecordManagedFields(JsonObject? old, JsonObject obj, string? subresource, WriteOptions options, bool resetRequested)
    {
        if (!options.RecordsManagedFields || string.IsNullOrEmpty(options.Manager))
        {
            return;
        }
        FieldManager.RecordUpdate(old, obj, options.Manager, OwnershipScope(subresource), _context.Time.GetUtcNow(), resetRequested);
    }
}
