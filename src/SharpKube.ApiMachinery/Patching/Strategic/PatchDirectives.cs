namespace SharpKube.ApiMachinery.Patching.Strategic;

/// <summary>The directive keys of strategic merge patch and their values.</summary>
internal static class PatchDirectives
{
    /// <summary><c>$patch</c>: <c>replace</c>, <c>merge</c> or <c>delete</c>, on a map or a list item.</summary>
    public const string Patch = "$patch";

    /// <summary><c>$retainKeys</c>: the keys of a map to keep; all others are cleared.</summary>
    public const string RetainKeys = "$retainKeys";

    /// <summary><c>$setElementOrder/&lt;field&gt;</c>: the order of the merged list.</summary>
    public const string SetElementOrderPrefix = "$setElementOrder/";

    /// <summary><c>$deleteFromPrimitiveList/&lt;field&gt;</c>: values to remove from a merged primitive list.</summary>
    public const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>The <c>$patch</c> value that replaces a map or list.</summary>
    public const string Replace = "replace";

    /// <summary>The <c>$patch</c> value that merges (the default).</summary>
    public const string Merge = "merge";

    /// <summary>The <c>$patch</c> value that deletes a map or a list item.</summary>
    public const string Delete = "delete";

    /// <summary>Whether <paramref name="key"/> is a directive (every directive starts with <c>$</c>).</summary>
    public static bool IsDirective(string key) => key.StartsWith('$');
}
