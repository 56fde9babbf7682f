namespace SharpKube.Scheduler.Plugins.ImageLocality;

/// <summary>
/// The names under which a node may report a pod's container image. Upstream only adds <c>:latest</c> to an untagged
/// name (<c>busybox</c> → <c>busybox:latest</c>); container runtimes report fully qualified names
/// (<c>docker.io/library/busybox:latest</c>), so the Docker Hub form is tried as well.
/// </summary>
internal static class ImageNames
{
    private const string DockerDomain = "docker.io";
    private const string OfficialRepositoryPrefix = "library/";

    /// <summary>Upstream's normalized name first, then the fully qualified one when it differs.</summary>
    public static string[] Candidates(string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return [];
        }
        var tagged = WithDefaultTag(image);
        var qualified = Qualified(tagged);
        return qualified == tagged ? [tagged] : [tagged, qualified];
    }

    /// <summary>Adds <c>:latest</c> when the last path component has no tag (and the name no digest), as upstream.</summary>
    internal static string WithDefaultTag(string image) =>
        image.LastIndexOf(':') <= image.LastIndexOf('/') ? image + ":latest" : image;

    /// <summary>
    /// The Docker Hub form of a reference: a first component that is no registry host (no dot or port, not
    /// <c>localhost</c>) means <c>docker.io</c>, and a single-component Docker Hub name lives under <c>library/</c>.
    /// </summary>
    internal static string Qualified(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = image.AsSpan(0, slash);
            if (first.Contains('.') || first.Contains(':') || first.SequenceEqual("localhost"))
            {
                return first.SequenceEqual(DockerDomain) && image.IndexOf('/', slash + 1) < 0
                    ? DockerDomain + "/" + OfficialRepositoryPrefix + image[(slash + 1)..]
                    : image;
            }
            return DockerDomain + "/" + image;
        }
        return DockerDomain + "/" + OfficialRepositoryPrefix + image;
    }
}
