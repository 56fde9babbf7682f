using SharpKube.ApiServer.ServiceAccounts;

namespace SharpKube.ApiServer.Authentication;

/// <summary>
/// Authenticates bound service account tokens (JWTs this server signed, as the TokenRequest API and the kubelet hand
/// them out): the signature, issuer, API audience and validity period must check out, and the service account and
/// any pod, secret or node the token is bound to must still exist with the uid the token names. An object deleted
/// gracefully keeps its tokens until its deletion time (plus the leeway) has passed, as upstream.
/// </summary>
public sealed class ServiceAccountTokenAuthenticator : ITokenAuthenticator
{
    private readonly ServiceAccountIssuer _issuer;
    private readonly Func<string, string, string, CachedObjectState?> _find;
    private readonly TimeProvider _time;

    /// <summary>
    /// Creates the authenticator; <paramref name="find"/> (plural, namespace, name) reads the current state of a service
    /// account, pod, secret or node, without blocking.
    /// </summary>
    public ServiceAccountTokenAuthenticator(ServiceAccountIssuer issuer, Func<string, string, string, CachedObjectState?> find, TimeProvider time)
    {
        _issuer = issuer ?? throw new ArgumentNullException(nameof(issuer));
        _find = find ?? throw new ArgumentNullException(nameof(find));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc />
    public UserInfo? AuthenticateToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var now = _time.GetUtcNow();
        if (_issuer.Verify(token, now) is not { } verified)
        {
            return null;
        }
        var binding = verified.Binding;
        var ns = binding.Namespace;
        // Objects deleted more than the leeway ago no longer vouch for their tokens.
        var deletedBefore = now - ServiceAccountIssuer.Leeway;
        if (!StillExists("serviceaccounts", ns, binding.ServiceAccount, deletedBefore)
            || (binding.Secret is { } secret && !StillExists("secrets", ns, secret, deletedBefore))
            || (binding.Pod is { } pod && !StillExists("pods", ns, pod, deletedBefore))
            || (binding.Pod is null && binding.Node is { } node && !StillExists("nodes", "", node, deletedBefore)))
        {
            return null;
        }
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (binding.Pod is { } boundPod)
        {
            extra[ServiceAccountUser.PodNameExtra] = [boundPod.Name];
            extra[ServiceAccountUser.PodUidExtra] = [boundPod.Uid];
        }
        if (binding.Node is { } boundNode)
        {
            extra[ServiceAccountUser.NodeNameExtra] = [boundNode.Name];
            extra[ServiceAccountUser.NodeUidExtra] = [boundNode.Uid];
        }
        if (verified.Id is { Length: > 0 } id)
        {
            extra[ServiceAccountUser.CredentialIdExtra] = ["JTI=" + id];
        }
        return new UserInfo(binding.UserName, binding.ServiceAccount.Uid, ServiceAccountUser.Groups(ns), extra.Count > 0 ? extra : null);
    }

    private bool StillExists(string plural, string ns, BoundObject reference, DateTimeOffset deletedBefore) =>
        _find(plural, ns, reference.Name) is { } current
        && string.Equals(current.Uid, reference.Uid, StringComparison.Ordinal)
        && !(current.DeletionTimestamp < deletedBefore);
}
