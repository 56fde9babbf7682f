using System.Text.Json;

namespace SharpKube.ApiMachinery.Tables.Formatting;

/// <summary>Reads the <c>metadata</c> fields every printer shows.</summary>
internal static class ObjectMetadata
{
    /// <summary><c>metadata.name</c>, or empty.</summary>
    public static string Name(JsonElement obj) => obj.At("metadata", "name").Text();

    /// <summary>The AGE cell: the human duration since <c>metadata.creationTimestamp</c>.</summary>
    public static string Age(JsonElement obj, DateTimeOffset now) =>
        HumanDuration.Since(obj.At("metadata", "creationTimestamp").Timestamp(), now);

    /// <summary>True when <c>metadata.deletionTimestamp</c> is set (the object is terminating).</summary>
    public static bool IsDeleting(JsonElement obj) => obj.At("metadata", "deletionTimestamp").IsPresent();

    /// <summary><c>metadata.labels</c> (undefined when missing).</summary>
    public static JsonElement Labels(JsonElement obj) => obj.At("metadata", "labels");

    /// <summary>One annotation's value, or null when it is not set.</summary>
    public static string? Annotation(JsonElement obj, string key) => obj.At("metadata", "annotations").Field(key).TextOrNull();
}
