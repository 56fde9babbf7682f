namespace SharpKube.Kubelet.Containers;

/// <summary>
/// The user an image runs as, as the runtime's <c>ImageStatus</c> reports it: a numeric <paramref name="Uid"/>, or a
/// <paramref name="Username"/> that is not a number. Neither set means root, as upstream assumes.
/// </summary>
public sealed record ImageUser(long? Uid, string Username)
{
    /// <summary>An image that names no user: it runs as root.</summary>
    public static ImageUser Root { get; } = new(0, "");

    /// <summary>From the CRI <c>Image</c> fields: the uid when present, else the username, else root.</summary>
    public static ImageUser FromImageStatus(long? uid, string? username) =>
        uid is not null ? new ImageUser(uid, "")
        : !string.IsNullOrEmpty(username) ? new ImageUser(null, username)
        : Root;
}
