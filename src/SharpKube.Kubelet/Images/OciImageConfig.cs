namespace SharpKube.Kubelet.Images;

/// <summary>
/// The run-time defaults an image's config carries (the <c>config</c> object of the OCI image configuration): what a
/// container runs when the pod does not say otherwise.
/// </summary>
public sealed class OciImageConfig
{
    /// <summary>Environment variables as <c>NAME=value</c>.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>The entrypoint (a pod's <c>command</c> replaces it); omitted when empty.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    /// <summary>The default arguments (a pod's <c>args</c> replace them); omitted when empty.</summary>
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>The working directory.</summary>
    public string WorkingDir { get; init; } = "/";
}
