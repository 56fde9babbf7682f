using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// The REST paths of one resource with an operation per served verb: the collection
/// (<c>…/namespaces/{namespace}/pods</c>), the item (<c>…/pods/{name}</c>), the all-namespaces list
/// (<c>…/v1/pods</c>) and the object-shaped subresources (<c>…/pods/{name}/status</c>).
/// </summary>
internal static class ResourcePaths
{
    private static readonly OpenApiResponse[] NoResponses = [];

    /// <summary>The path items of <paramref name="resource"/>, whose group/version is served under <paramref name="prefix"/>.</summary>
    public static IEnumerable<OpenApiPathItem> For(string prefix, ResourceDefinition resource)
    {
        var context = new ResourceOperations(resource);
        var collection = resource.Namespaced
            ? prefix + "/namespaces/{namespace}/" + resource.Plural
            : prefix + "/" + resource.Plural;
        var item = collection + "/{name}";
        IReadOnlyList<OpenApiParameter> scope = resource.Namespaced
            ? [OpenApiParameters.Namespace, OpenApiParameters.Pretty]
            : [OpenApiParameters.Pretty];
        IReadOnlyList<OpenApiParameter> itemScope = [OpenApiParameters.Name(resource.Kind), .. scope];

        var collectionOperations = context.CollectionOperations().ToArray();
        if (collectionOperations.Length > 0)
        {
            yield return new OpenApiPathItem(collection, scope, collectionOperations);
        }
        var itemOperations = context.ItemOperations().ToArray();
        if (itemOperations.Length > 0)
        {
            yield return new OpenApiPathItem(item, itemScope, itemOperations);
        }
        if (resource.Namespaced && context.Serves("list"))
        {
            yield return new OpenApiPathItem(
                prefix + "/" + resource.Plural, [OpenApiParameters.Pretty], [context.ListAllNamespaces()]);
        }
        foreach (var subresource in resource.Subresources.Where(IsObjectShaped))
        {
            var operations = context.SubresourceOperations(subresource).ToArray();
            if (operations.Length > 0)
            {
                yield return new OpenApiPathItem(item + "/" + subresource.Name, itemScope, operations);
            }
        }
    }

    /// <summary>
    /// The kind a subresource's operations carry: its own group/version when it names one (Scale in
    /// autoscaling/v1), else the parent's.
    /// </summary>
    public static GroupVersionKind KindOf(ResourceDefinition resource, SubresourceDefinition subresource) =>
        new(subresource.Group ?? resource.Group, subresource.Version ?? resource.Version, subresource.Kind);

    /// <summary>
    /// False for streaming and connection-upgrading subresources (log, exec, attach, portforward, proxy): they
    /// take options in the query string and answer with bytes, not objects, so they get no operations here.
    /// </summary>
    public static bool IsObjectShaped(SubresourceDefinition subresource) =>
        subresource.Name != "log" && !subresource.Kind.EndsWith("Options", StringComparison.Ordinal);

    /// <summary>Builds the operations of one resource.</summary>
    private sealed class ResourceOperations(ResourceDefinition resource)
    {
        private readonly GroupVersionKind _kind = new(resource.Group, resource.Version, resource.Kind);
        private readonly string _tag = OperationNaming.Tag(resource.Group, resource.Version);

        private string Schema => OpenApiSchemaNames.ForKind(_kind);

        private string ListSchema => OpenApiSchemaNames.ForKind(_kind with { Kind = resource.ListKind });

        public bool Serves(string verb) => resource.Verbs.Contains(verb);

        public IEnumerable<OpenApiOperation> CollectionOperations()
        {
            if (Serves("list"))
            {
                yield return Operation("get", "list", "list or watch objects of kind " + resource.Kind) with
                {
                    Parameters = OpenApiParameters.List,
                    Responses = [new("200", "OK", ListSchema)],
                };
            }
            if (Serves("create"))
            {
                yield return Create(_kind, subresource: null);
            }
            if (Serves("deletecollection"))
            {
                yield return Operation("delete", "deletecollection", "delete collection of " + resource.Kind,
                    idVerb: "delete", collection: true) with
                {
                    Parameters = OpenApiParameters.DeleteCollection,
                    RequestBody = OpenApiRequestBody.DeleteOptions,
                    Responses = [new("200", "OK", OpenApiSchemaNames.Status)],
                };
            }
        }

        public IEnumerable<OpenApiOperation> ItemOperations()
        {
            if (Serves("get"))
            {
                yield return Read(_kind, subresource: null);
            }
            if (Serves("update"))
            {
                yield return Replace(_kind, subresource: null);
            }
            if (Serves("patch"))
            {
                yield return PatchOperation(_kind, subresource: null);
            }
            if (Serves("delete"))
            {
                yield return Operation("delete", "delete", "delete a " + resource.Kind) with
                {
                    Parameters = OpenApiParameters.Delete,
                    RequestBody = OpenApiRequestBody.DeleteOptions,
                    Responses = [new("200", "OK", OpenApiSchemaNames.Status), new("202", "Accepted", OpenApiSchemaNames.Status)],
                };
            }
        }

        public OpenApiOperation ListAllNamespaces() =>
            Operation("get", "list", "list or watch objects of kind " + resource.Kind, allNamespaces: true) with
            {
                Parameters = OpenApiParameters.List,
                Responses = [new("200", "OK", ListSchema)],
            };

        public IEnumerable<OpenApiOperation> SubresourceOperations(SubresourceDefinition subresource)
        {
            var kind = KindOf(resource, subresource);
            var verbs = subresource.Verbs;
            if (verbs.Contains("get"))
            {
                yield return Read(kind, subresource.Name);
            }
            if (verbs.Contains("create"))
            {
                yield return Create(kind, subresource.Name);
            }
            if (verbs.Contains("update"))
            {
                yield return Replace(kind, subresource.Name);
            }
            if (verbs.Contains("patch"))
            {
                yield return PatchOperation(kind, subresource.Name);
            }
        }

        private OpenApiOperation Read(GroupVersionKind kind, string? subresource) =>
            Operation("get", "get", Describe("read", subresource), subresource: subresource, idVerb: "read") with
            {
                Kind = kind,
                Responses = [new("200", "OK", OpenApiSchemaNames.ForKind(kind))],
            };

        private OpenApiOperation Create(GroupVersionKind kind, string? subresource)
        {
            var schema = OpenApiSchemaNames.ForKind(kind);
            return Operation("post", "post", Describe("create", subresource), subresource: subresource, idVerb: "create") with
            {
                Kind = kind,
                Parameters = OpenApiParameters.Write,
                RequestBody = OpenApiRequestBody.Object,
                RequestSchemaName = schema,
                Responses = [new("200", "OK", schema), new("201", "Created", schema), new("202", "Accepted", schema)],
            };
        }

        private OpenApiOperation Replace(GroupVersionKind kind, string? subresource)
        {
            var schema = OpenApiSchemaNames.ForKind(kind);
            return Operation("put", "put", Describe("replace", subresource), subresource: subresource, idVerb: "replace") with
            {
                Kind = kind,
                Parameters = OpenApiParameters.Write,
                RequestBody = OpenApiRequestBody.Object,
                RequestSchemaName = schema,
                Responses = [new("200", "OK", schema), new("201", "Created", schema)],
            };
        }

        private OpenApiOperation PatchOperation(GroupVersionKind kind, string? subresource)
        {
            var schema = OpenApiSchemaNames.ForKind(kind);
            return Operation("patch", "patch", Describe("partially update", subresource), subresource: subresource) with
            {
                Kind = kind,
                Parameters = OpenApiParameters.Patch,
                RequestBody = HasModel(kind) ? OpenApiRequestBody.StrategicPatch : OpenApiRequestBody.Patch,
                Responses = [new("200", "OK", schema), new("201", "Created", schema)],
            };
        }

        /// <summary>
        /// Whether the server serves strategic merge patch for <paramref name="kind"/>: it does for kinds with a
        /// KubernetesClient model (the built-in kinds, and subresource kinds such as autoscaling/v1 Scale).
        /// </summary>
        private bool HasModel(GroupVersionKind kind) => kind == _kind
            ? resource.ModelType is not null
            : KubernetesModelCatalog.Find(kind.Group, kind.Version, kind.Kind) is not null;

        private string Describe(string verb, string? subresource) => subresource is null
            ? verb + " the specified " + resource.Kind
            : verb + " " + subresource + " of the specified " + resource.Kind;

        private OpenApiOperation Operation(
            string method, string action, string description, string? subresource = null, string? idVerb = null,
            bool allNamespaces = false, bool collection = false) => new()
        {
            Method = method,
            Action = action,
            Kind = _kind,
            Tag = _tag,
            Description = description,
            OperationId = OperationNaming.Id(
                idVerb ?? action, resource.Group, resource.Version, resource.Namespaced && !allNamespaces, resource.Kind,
                subresource, allNamespaces ? "ForAllNamespaces" : "", collection),
            Responses = NoResponses,
        };
    }
}
