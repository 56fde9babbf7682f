using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiMachinery.Errors;

/// <summary>Builds <see cref="StatusException"/>s with upstream's codes, reasons and message shapes.</summary>
public static class StatusErrors
{
    /// <summary>404 NotFound: <c>pods "x" not found</c>.</summary>
    public static StatusException NotFound(ResourceDefinition resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedResource} \"{name}\" not found", Details(resource, name));

    /// <summary>409 AlreadyExists: <c>configmaps "cfg" already exists</c>.</summary>
    public static StatusException AlreadyExists(ResourceDefinition resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedResource} \"{name}\" already exists", Details(resource, name));

    /// <summary>409 Conflict for a stale resourceVersion.</summary>
    public static StatusException Conflict(ResourceDefinition resource, string name, string reason =
        "the object has been modified; please apply your changes to the latest version and try again") =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedResource} \"{name}\": {reason}",
            Details(resource, name));

    /// <summary>422 Invalid with one cause per field error.</summary>
    public static StatusException Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var rendered = errors.Count == 1
            ? errors[0].ToString()
            : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        var causes = errors.Select(e => new StatusCause(e.CauseReason, e.Body, e.Field)).ToList();
        var qualifiedKind = group.Length == 0 ? kind : kind + "." + group;
        return new(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {rendered}",
            new StatusDetails { Name = name, Group = group, Kind = kind, Causes = causes });
    }

    /// <summary>400 BadRequest.</summary>
    public static StatusException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>401 Unauthorized.</summary>
    public static StatusException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    /// <summary>405 MethodNotAllowed.</summary>
    public static StatusException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    /// <summary>410 Expired for a resource version older than the retained history.</summary>
    public static StatusException Expired(string message) => new(410, "Expired", message);

    /// <summary>413 RequestEntityTooLarge: <c>Request entity too large: limit is 3145728</c>.</summary>
    public static StatusException RequestEntityTooLarge(string message) =>
        new(413, "RequestEntityTooLarge", $"Request entity too large: {message}");

    /// <summary>415 UnsupportedMediaType.</summary>
    public static StatusException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf");

    /// <summary>500 InternalError.</summary>
    public static StatusException Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}");

    /// <summary>503 ServiceUnavailable.</summary>
    public static StatusException ServiceUnavailable(string message) => new(503, "ServiceUnavailable", message);

    private static StatusDetails Details(ResourceDefinition resource, string name) =>
        new() { Name = name, Group = resource.Group, Kind = resource.Plural };
}
