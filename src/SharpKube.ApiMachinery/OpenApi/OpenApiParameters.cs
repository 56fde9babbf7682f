namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// The standard parameters of Kubernetes REST operations. kubectl looks for <c>fieldValidation</c> among a
/// PATCH operation's parameters to decide that the server validates fields (and skips client-side validation).
/// </summary>
internal static class OpenApiParameters
{
    /// <summary>The object's name in an item path.</summary>
    public static OpenApiParameter Name(string kind) => new("name", "path", "string", "name of the " + kind);

    /// <summary>The namespace in a namespaced path.</summary>
    public static readonly OpenApiParameter Namespace =
        new("namespace", "path", "string", "object name and auth scope, such as for teams and projects");

    /// <summary>Pretty-printing of the response.</summary>
    public static readonly OpenApiParameter Pretty =
        new("pretty", "query", "string", "If 'true', then the output is pretty printed.");

    /// <summary>Parameters of create (POST) and replace (PUT).</summary>
    public static readonly IReadOnlyList<OpenApiParameter> Write =
    [
        new("dryRun", "query", "string", "When present (value All), modifications are validated but not persisted."),
        new("fieldManager", "query", "string", "The name of the actor making the change, recorded in managedFields."),
        new("fieldValidation", "query", "string",
            "How to treat unknown or duplicate fields in the request body: Ignore, Warn or Strict."),
    ];

    /// <summary>Parameters of patch: those of a write plus <c>force</c> for server-side apply.</summary>
    public static readonly IReadOnlyList<OpenApiParameter> Patch =
    [
        .. Write,
        new("force", "query", "boolean",
            "Apply requests only: take ownership of conflicting fields from other managers instead of failing."),
    ];

    /// <summary>Parameters of list and watch.</summary>
    public static readonly IReadOnlyList<OpenApiParameter> List =
    [
        new("allowWatchBookmarks", "query", "boolean", "Ask for BOOKMARK watch events."),
        new("continue", "query", "string", "The continue token of the previous page of a chunked list."),
        new("fieldSelector", "query", "string", "Restrict the returned objects by their fields."),
        new("labelSelector", "query", "string", "Restrict the returned objects by their labels."),
        new("limit", "query", "integer", "The maximum number of objects to return in one page."),
        new("resourceVersion", "query", "string", "Constrains which resource versions the request may be served from."),
        new("resourceVersionMatch", "query", "string", "How resourceVersion applies: Exact or NotOlderThan."),
        new("sendInitialEvents", "query", "boolean", "Start a watch with synthetic events for the current state."),
        new("timeoutSeconds", "query", "integer", "Timeout for the list or watch call."),
        new("watch", "query", "boolean", "Watch for changes and return them as a stream of events."),
    ];

    /// <summary>Parameters of delete.</summary>
    public static readonly IReadOnlyList<OpenApiParameter> Delete =
    [
        new("dryRun", "query", "string", "When present (value All), the deletion is validated but not persisted."),
        new("gracePeriodSeconds", "query", "integer", "Seconds before the object should be deleted."),
        new("ignoreStoreReadErrorWithClusterBreakingPotential", "query", "boolean",
            "Delete an object whose stored data cannot be read. Dangerous."),
        new("orphanDependents", "query", "boolean", "Deprecated: use propagationPolicy."),
        new("propagationPolicy", "query", "string", "Garbage collection of dependents: Orphan, Background or Foreground."),
    ];

    /// <summary>Parameters of deletecollection: selecting the objects, then deleting them.</summary>
    public static readonly IReadOnlyList<OpenApiParameter> DeleteCollection = [.. List, .. Delete];
}
