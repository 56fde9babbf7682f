namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Reads the tag of a container image reference the way the pull-policy default needs it.</summary>
public static class ImageReference
{
    /// <summary>
    /// The tag of an image: "latest" when the reference has neither tag nor digest, "" when it has only a digest
    /// or cannot be parsed (upstream then defaults to IfNotPresent).
    /// </summary>
    public static string Tag(string image)
    {
        if (image.Length == 0 || image.Any(char.IsWhiteSpace))
        {
            return "";
        }
        var name = image;
        var hasDigest = false;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            hasDigest = true;
            name = name[..at];
        }
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        var tag = "";
        if (colon > slash)
        {
            tag = name[(colon + 1)..];
            name = name[..colon];
        }
        // Repository paths are lowercase; the registry host (first component, with a '.' or ':' or "localhost") may not be.
        var firstSlash = name.IndexOf('/', StringComparison.Ordinal);
        var path = firstSlash >= 0 && (name[..firstSlash].Contains('.', StringComparison.Ordinal) ||
            name[..firstSlash].Contains(':', StringComparison.Ordinal) || name[..firstSlash] == "localhost")
            ? name[(firstSlash + 1)..]
            : name;
        if (path.Length == 0 || path.Any(char.IsUpper))
        {
            return "";
        }
        return tag.Length == 0 && !hasDigest ? "latest" : tag;
    }
}
