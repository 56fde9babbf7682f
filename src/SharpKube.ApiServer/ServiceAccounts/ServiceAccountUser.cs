namespace SharpKube.ApiServer.ServiceAccounts;

/// <summary>How a service account appears as a user: its name, its groups and the extras of a bound token.</summary>
public static class ServiceAccountUser
{
    /// <summary>The group of every service account.</summary>
    public const string AllServiceAccountsGroup = "system:serviceaccounts";

    /// <summary>The extra that names the pod a token is bound to.</summary>
    public const string PodNameExtra = "authentication.kubernetes.io/pod-name";

    /// <summary>The extra that gives the uid of the pod a token is bound to.</summary>
    public const string PodUidExtra = "authentication.kubernetes.io/pod-uid";

    /// <summary>The extra that names the node a token is bound to (or its pod runs on).</summary>
    public const string NodeNameExtra = "authentication.kubernetes.io/node-name";

    /// <summary>The extra that gives the uid of that node.</summary>
    public const string NodeUidExtra = "authentication.kubernetes.io/node-uid";

    /// <summary>The extra that identifies the credential: <c>JTI=&lt;token id&gt;</c>.</summary>
    public const string CredentialIdExtra = "authentication.kubernetes.io/credential-id";

    /// <summary><c>system:serviceaccount:NAMESPACE:NAME</c>.</summary>
    public static string Name(string ns, string name) => $"system:serviceaccount:{ns}:{name}";

    /// <summary>The groups of a service account of <paramref name="ns"/>: all service accounts', then the namespace's.</summary>
    public static IReadOnlyList<string> Groups(string ns) => [AllServiceAccountsGroup, AllServiceAccountsGroup + ":" + ns];
}
