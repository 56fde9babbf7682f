namespace SharpKube.ApiServer.Authentication;

/// <summary>Group names with a fixed meaning in Kubernetes.</summary>
public static class SystemGroups
{
    /// <summary>Every authenticated user.</summary>
    public const string Authenticated = "system:authenticated";

    /// <summary>Unauthenticated requests (when anonymous access is allowed).</summary>
    public const string Unauthenticated = "system:unauthenticated";

    /// <summary>Superusers: bound to <c>cluster-admin</c>, and allowed everything by the RBAC authorizer itself.</summary>
    public const string Masters = "system:masters";

    /// <summary>Kubelets (<c>system:node:NAME</c> users), judged by the Node authorizer.</summary>
    public const string Nodes = "system:nodes";
}
