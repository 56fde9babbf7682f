namespace SharpKube.ApiServer.Authentication;

/// <summary>Who made a request, as authorization and <c>SelfSubjectReview</c> see it (upstream <c>user.Info</c>).</summary>
/// <param name="Name">The user name, e.g. <c>system:admin</c> or <c>system:node:worker-1</c>.</param>
/// <param name="Uid">A unique id, when the authenticator knows one (tokens); null for client certificates.</param>
/// <param name="Groups">The groups, always including <c>system:authenticated</c> once authenticated.</param>
/// <param name="Extra">Additional attributes (e.g. a service account token's pod name), or null.</param>
public sealed record UserInfo(
    string Name,
    string? Uid,
    IReadOnlyList<string> Groups,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Extra = null)
{
    /// <summary>True when the user is in <paramref name="group"/>.</summary>
    public bool IsInGroup(string group) => Groups.Contains(group, StringComparer.Ordinal);

    /// <summary>The same user with <paramref name="group"/> added, unless already present.</summary>
    public UserInfo WithGroup(string group) => IsInGroup(group) ? this : this with { Groups = [.. Groups, group] };
}
