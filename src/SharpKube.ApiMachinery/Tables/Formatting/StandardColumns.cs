namespace SharpKube.ApiMachinery.Tables.Formatting;

/// <summary>Column definitions that many of upstream's printers share, with upstream's descriptions.</summary>
public static class StandardColumns
{
    /// <summary>The description of <c>metadata.name</c>.</summary>
    public const string NameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    /// <summary>The description of <c>metadata.creationTimestamp</c>.</summary>
    public const string CreationTimestampDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    /// <summary>The NAME column (format <c>name</c>).</summary>
    public static TableColumnDefinition Name { get; } = new("Name", "string", "name", NameDescription);

    /// <summary>The AGE column: a human duration since creation.</summary>
    public static TableColumnDefinition Age { get; } = new("Age", "string", "", CreationTimestampDescription);

    /// <summary>The CREATED AT column of the default convertor: the creation timestamp as an RFC 3339 date.</summary>
    public static TableColumnDefinition CreatedAt { get; } = new("Created At", "date", "", CreationTimestampDescription);

    /// <summary>The wide CONTAINERS column of workload tables.</summary>
    public static TableColumnDefinition Containers { get; } =
        new("Containers", "string", "", "Names of each container in the template.", 1);

    /// <summary>The wide IMAGES column of workload tables.</summary>
    public static TableColumnDefinition Images { get; } =
        new("Images", "string", "", "Images referenced by each container in the template.", 1);

    /// <summary>A string column.</summary>
    public static TableColumnDefinition Text(string name, string description, int priority = 0) =>
        new(name, "string", "", description, priority);

    /// <summary>An integer column.</summary>
    public static TableColumnDefinition Integer(string name, string description, int priority = 0) =>
        new(name, "integer", "", description, priority);

    /// <summary>A boolean column.</summary>
    public static TableColumnDefinition Boolean(string name, string description, int priority = 0) =>
        new(name, "boolean", "", description, priority);
}
