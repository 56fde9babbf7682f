namespace SharpKube.ApiMachinery.Errors;

/// <summary>The <c>details</c> of a <c>metav1.Status</c>.</summary>
public sealed record StatusDetails
{
    /// <summary>Name of the object the error is about.</summary>
    public string? Name { get; init; }

    /// <summary>API group of the resource.</summary>
    public string? Group { get; init; }

    /// <summary>Resource plural (NotFound, AlreadyExists, Conflict) or Kind (Invalid), as upstream does.</summary>
    public string? Kind { get; init; }

    /// <summary>UID of the object, when known.</summary>
    public string? Uid { get; init; }

    /// <summary>Individual causes, e.g. one per invalid field.</summary>
    public IReadOnlyList<StatusCause> Causes { get; init; } = [];

    /// <summary>Seconds before a retry makes sense, when any.</summary>
    public int? RetryAfterSeconds { get; init; }
}
