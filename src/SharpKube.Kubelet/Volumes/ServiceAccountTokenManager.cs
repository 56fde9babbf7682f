using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// The tokens of projected <c>serviceAccountToken</c> sources: requested through the TokenRequest API for the pod's
/// service account, bound to the pod, and kept until they need refreshing. As upstream's kubelet, a token is
/// renewed once 80 % of its lifetime has passed or it is 24 hours old, whichever comes first (less a jitter of up
/// to ten seconds, so that pods started together do not refresh together); pod syncs ask again on every resync.
/// </summary>
public sealed class ServiceAccountTokenManager
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    private static readonly TimeSpan MaxJitter = TimeSpan.FromSeconds(10);

    private readonly Func<string, string, Authenticationv1TokenRequest, CancellationToken, Task<Authenticationv1TokenRequest>> _requestToken;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<TokenKey, CachedToken> _tokens = new();

    /// <summary>
    /// Creates the manager; <paramref name="requestToken"/> (namespace, service account, request) posts a TokenRequest
    /// with the kubelet's credentials and returns the server's answer.
    /// </summary>
    public ServiceAccountTokenManager(
        Func<string, string, Authenticationv1TokenRequest, CancellationToken, Task<Authenticationv1TokenRequest>> requestToken, TimeProvider time)
    {
        _requestToken = requestToken ?? throw new ArgumentNullException(nameof(requestToken));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>How many tokens are held.</summary>
    public int Count => _tokens.Count;

    /// <summary>
    /// A token for <paramref name="pod"/>'s service account (<c>default</c> when it names none), bound to the pod, for
    /// <paramref name="audience"/> (empty: the API server's audiences) lasting <paramref name="expirationSeconds"/>.
    /// </summary>
    /// <exception cref="ServiceAccountTokenException">The API server refused or could not be reached.</exception>
    public async Task<string?> GetTokenAsync(V1Pod pod, string audience, long expirationSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var ns = pod.Metadata?.NamespaceProperty ?? "";
        var serviceAccount = pod.Spec?.ServiceAccountName is { Length: > 0 } name ? name : "default";
        var key = new TokenKey(ns, serviceAccount, audience, expirationSeconds, pod.Metadata?.Name ?? "", pod.Metadata?.Uid ?? "");
        var now = _time.GetUtcNow();
        ForgetExpired(now);
        if (_tokens.TryGetValue(key, out var cached) && !NeedsRefresh(cached, now))
        {
            return cached.Token;
        }
        var request = new Authenticationv1TokenRequest
        {
            Spec = new V1TokenRequestSpec
            {
                Audiences = audience.Length == 0 ? [] : [audience],
                ExpirationSeconds = expirationSeconds,
                BoundObjectRef = new V1BoundObjectReference { ApiVersion = "v1", Kind = "Pod", Name = key.PodName, Uid = key.PodUid },
            },
        };
        Authenticationv1TokenRequest answer;
        try
        {
            answer = await _requestToken(ns, serviceAccount, request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            // A token that is still valid outlives a failed refresh, as upstream's kubelet keeps it.
            if (cached is not null && cached.Expiration > now)
            {
                return cached.Token;
            }
            throw new ServiceAccountTokenException(Reason(e), e);
        }
        catch (HttpRequestException e)
        {
            if (cached is not null && cached.Expiration > now)
            {
                return cached.Token;
            }
            throw new ServiceAccountTokenException(e.Message, e);
        }
        var token = answer.Status?.Token;
        if (string.IsNullOrEmpty(token))
        {
            throw new ServiceAccountTokenException("the TokenRequest answer carries no token", new InvalidDataException());
        }
        var expiration = answer.Status!.ExpirationTimestamp is { } stamp
            ? new DateTimeOffset(DateTime.SpecifyKind(stamp, DateTimeKind.Utc))
            : now.AddSeconds(expirationSeconds);
        _tokens[key] = new CachedToken(token, expiration, answer.Spec?.ExpirationSeconds ?? expirationSeconds);
        return token;
    }

    // The server's Status message, as upstream's kubelet reports it; the client leaves the Status body undecoded.
    private static string Reason(HttpOperationException e)
    {
        if (e.Body is V1Status { Message: { Length: > 0 } decoded })
        {
            return decoded;
        }
        if (e.Response?.Content is { Length: > 0 } content)
        {
            try
            {
                return KubernetesJson.Deserialize<V1Status>(content) is { Message: { Length: > 0 } message } ? message : content;
            }
            catch (JsonException)
            {
                return content;
            }
        }
        return e.Message;
    }

    // Upstream's rule: refresh past 80 % of the lifetime or past 24 h of age, each brought forward by a jitter.
    private static bool NeedsRefresh(CachedToken token, DateTimeOffset now)
    {
        var jitter = TimeSpan.FromSeconds(RandomNumberGenerator.GetInt32((int)MaxJitter.TotalSeconds));
        var lifetime = TimeSpan.FromSeconds(token.ExpirationSeconds);
        var issuedAt = token.Expiration - lifetime;
        return now > issuedAt + MaxAge - jitter || now > token.Expiration - lifetime * 0.2 - jitter;
    }

    // Tokens of pods that are gone are no longer asked for; dropping them once expired keeps the cache bounded.
    private void ForgetExpired(DateTimeOffset now)
    {
        foreach (var (key, token) in _tokens)
        {
            if (token.Expiration <= now)
            {
                _tokens.TryRemove(new KeyValuePair<TokenKey, CachedToken>(key, token));
            }
        }
    }

    private sealed record TokenKey(string Namespace, string ServiceAccount, string Audience, long ExpirationSeconds, string PodName, string PodUid);

    private sealed record CachedToken(string Token, DateTimeOffset Expiration, long ExpirationSeconds);
}
