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

    private const string DryRunText =
        "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed";

    private const string FieldManagerText =
        "fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.";

    private const string FieldValidationText =
        "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.";

    /// <summary>The <c>fieldValidation</c> parameter, with upstream's description.</summary>
    public static readonly OpenApiParameter FieldValidation = new("fieldValidation", "query", "string", FieldValidationText);

    /// <summary>Parameters of create (POST) and replace (PUT), with upstream's descriptions.</summary>
    public static readonly IReadOnlyList<OpenApiParameter> Write =
    [
        new("dryRun", "query", "string", DryRunText),
        new("fieldManager", "query", "string", FieldManagerText),
        FieldValidation,
    ];

    /// <summary>
    /// Parameters of patch, as upstream: a write's, with <c>fieldManager</c> required for apply, and <c>force</c>
    /// for server-side apply conflicts.
    /// </summary>
    public static readonly IReadOnlyList<OpenApiParameter> Patch =
    [
        new("dryRun", "query", "string", DryRunText),
        new("fieldManager", "query", "string", FieldManagerText[..^1]
            + ". This field is required for apply requests (application/apply-patch) but optional for non-apply patch types (JsonPatch, MergePatch, StrategicMergePatch)."),
        FieldValidation,
        new("force", "query", "boolean",
            "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests."),
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
