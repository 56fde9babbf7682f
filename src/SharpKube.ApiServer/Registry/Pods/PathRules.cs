using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Rules for file paths inside volumes (sub-paths, projected item paths).</summary>
public static class PathRules
{
    /// <summary>A relative path that never steps up with "..".</summary>
    public static void ValidateLocalDescendingPath(string path, string field, FieldErrorList errors)
    {
        if (path.StartsWith('/'))
        {
            errors.Invalid(field, path, "must be a relative path");
        }
        if (path.Replace('\\', '/').Split('/').Contains(".."))
        {
            errors.Invalid(field, path, "must not contain '..'");
        }
    }

    /// <summary>A descending path that also does not start with ".." (reserved for the atomic writer).</summary>
    public static void ValidateLocalNonReservedPath(string path, string field, FieldErrorList errors)
    {
        ValidateLocalDescendingPath(path, field, errors);
        if (path.StartsWith("..", StringComparison.Ordinal) && !path.StartsWith("../", StringComparison.Ordinal))
        {
            errors.Invalid(field, path, "must not start with '..'");
        }
    }
}
