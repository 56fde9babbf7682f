namespace SharpKube.ApiServer.ServiceAccounts;

/// <summary>Whom a service account token speaks for, as its <c>kubernetes.io</c> claim records it.</summary>
/// <param name="Namespace">The service account's namespace.</param>
/// <param name="ServiceAccount">The service account.</param>
/// <param name="Pod">The pod the token is bound to, or null.</param>
/// <param name="Secret">The secret the token is bound to, or null.</param>
/// <param name="Node">The node the token is bound to, or (for a pod-bound token) the node the pod runs on; or null.</param>
public sealed record TokenBinding(string Namespace, BoundObject ServiceAccount, BoundObject? Pod = null, BoundObject? Secret = null,
    BoundObject? Node = null)
{
    /// <summary>The user name the token authenticates as: <c>system:serviceaccount:NAMESPACE:NAME</c>.</summary>
    public string UserName => ServiceAccountUser.Name(Namespace, ServiceAccount.Name);
}
