namespace SharpKube.Client.Resources;

/// <summary>The query of a LIST request.</summary>
public sealed record ListRequest
{
    /// <summary>A label selector, e.g. <c>app=web,tier!=cache</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector, e.g. <c>spec.nodeName=node-1</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; null or 0 lists everything in one response.</summary>
    public int? Limit { get; init; }

    /// <summary>The continue token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>Null for a consistent read; <c>0</c> for any cached state; otherwise at least this version.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary><c>NotOlderThan</c> or <c>Exact</c>, qualifying <see cref="ResourceVersion"/>.</summary>
    public string? ResourceVersionMatch { get; init; }
}
