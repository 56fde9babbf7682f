using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.ServiceAccounts;

/// <summary>
/// Signs and checks service account tokens: RS256 JWTs with upstream's claims (<c>iss</c>, <c>sub</c>, <c>aud</c>,
/// <c>exp</c>, <c>iat</c>, <c>nbf</c>, <c>jti</c> and the private <c>kubernetes.io</c> claim naming the namespace,
/// service account and bound objects).
/// </summary>
public sealed class ServiceAccountIssuer
{
    /// <summary>The clock skew tolerated on <c>exp</c>, <c>nbf</c> and <c>iat</c> (upstream's JWT default leeway).</summary>
    public static readonly TimeSpan Leeway = TimeSpan.FromMinutes(1);

    private const string PrivateClaim = "kubernetes.io";

    private readonly IReadOnlyList<ServiceAccountSigningKey> _verificationKeys;

    /// <summary>
    /// Creates the issuer <paramref name="issuer"/> that signs with <paramref name="signingKey"/> and accepts tokens signed
    /// by it or by any of <paramref name="additionalVerificationKeys"/>; <paramref name="apiAudiences"/> are the audiences
    /// the API server itself answers to (default: the issuer).
    /// </summary>
    public ServiceAccountIssuer(string issuer, IReadOnlyList<string>? apiAudiences, ServiceAccountSigningKey signingKey,
        IReadOnlyList<ServiceAccountSigningKey>? additionalVerificationKeys = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentNullException.ThrowIfNull(signingKey);
        Issuer = issuer;
        ApiAudiences = apiAudiences is { Count: > 0 } ? [.. apiAudiences] : [issuer];
        SigningKey = signingKey;
        _verificationKeys = [signingKey, .. additionalVerificationKeys ?? []];
    }

    /// <summary>The <c>iss</c> of every token, e.g. <c>https://kubernetes.default.svc.cluster.local</c>.</summary>
    public string Issuer { get; }

    /// <summary>The audiences the API server accepts, and the default audiences of a TokenRequest.</summary>
    public IReadOnlyList<string> ApiAudiences { get; }

    /// <summary>The key new tokens are signed with.</summary>
    public ServiceAccountSigningKey SigningKey { get; }

    /// <summary>Every key a token may be signed with, as the JWKS publishes them.</summary>
    public IReadOnlyList<ServiceAccountSigningKey> VerificationKeys => _verificationKeys;

    /// <summary>Signs a token for <paramref name="binding"/>, valid from <paramref name="now"/> for <paramref name="lifetime"/>.</summary>
    public IssuedToken Issue(TokenBinding binding, IReadOnlyList<string> audiences, TimeSpan lifetime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(audiences);
        // JWT times are whole seconds; the expiration reported must be the one in the token.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var expiration = issuedAt + TimeSpan.FromSeconds(Math.Floor(lifetime.TotalSeconds));
        var id = Guid.NewGuid().ToString();
        var kubernetes = new JsonObject
        {
            ["namespace"] = binding.Namespace,
            ["serviceaccount"] = Reference(binding.ServiceAccount),
        };
        if (binding.Pod is { } pod)
        {
            kubernetes["pod"] = Reference(pod);
        }
        if (binding.Secret is { } secret)
        {
            kubernetes["secret"] = Reference(secret);
        }
        if (binding.Node is { } node)
        {
            kubernetes["node"] = Reference(node);
        }
        var claims = new JsonObject
        {
            ["aud"] = new JsonArray([.. audiences.Select(a => (JsonNode?)a)]),
            ["exp"] = expiration.ToUnixTimeSeconds(),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = id,
            [PrivateClaim] = kubernetes,
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["sub"] = binding.UserName,
        };
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = SigningKey.KeyId };
        return new IssuedToken(CompactJwt.Create(header, claims, data => SigningKey.Sign(data)), issuedAt, expiration, id);
    }

    /// <summary>
    /// Checks a token's signature, issuer, audience and validity period at <paramref name="now"/> and reads its
    /// <c>kubernetes.io</c> claim. Null when any check fails; whether the named objects still exist is the caller's to check.
    /// </summary>
    public VerifiedToken? Verify(string token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (CompactJwt.TryParse(token) is not { } jwt
            || !string.Equals(Text(jwt.Header, "alg"), "RS256", StringComparison.Ordinal)
            || !SignedByUs(jwt)
            || !string.Equals(Text(jwt.Claims, "iss"), Issuer, StringComparison.Ordinal)
            || !Audiences(jwt.Claims).Any(ApiAudiences.Contains))
        {
            return null;
        }
        var expiration = Seconds(jwt.Claims, "exp");
        var notBefore = Seconds(jwt.Claims, "nbf");
        var issuedAt = Seconds(jwt.Claims, "iat");
        if (expiration is null || now - Leeway >= expiration || now + Leeway < notBefore || now + Leeway < issuedAt)
        {
            return null;
        }
        if (jwt.Claims[PrivateClaim] is not JsonObject kubernetes
            || Text(kubernetes, "namespace") is not { Length: > 0 } ns
            || ReadReference(kubernetes["serviceaccount"]) is not { } serviceAccount
            || !string.Equals(Text(jwt.Claims, "sub"), ServiceAccountUser.Name(ns, serviceAccount.Name), StringComparison.Ordinal))
        {
            return null;
        }
        var binding = new TokenBinding(ns, serviceAccount, ReadReference(kubernetes["pod"]), ReadReference(kubernetes["secret"]),
            ReadReference(kubernetes["node"]));
        return new VerifiedToken(binding, Text(jwt.Claims, "jti"), expiration.Value);
    }

    private bool SignedByUs(CompactJwt jwt)
    {
        var keyId = Text(jwt.Header, "kid");
        foreach (var key in _verificationKeys)
        {
            if ((keyId is null || keyId == key.KeyId) && key.Verify(jwt.SigningInput, jwt.Signature))
            {
                return true;
            }
        }
        return false;
    }

    private static JsonObject Reference(BoundObject reference) => new() { ["name"] = reference.Name, ["uid"] = reference.Uid };

    private static BoundObject? ReadReference(JsonNode? node) =>
        node is JsonObject reference && Text(reference, "name") is { Length: > 0 } name
            ? new BoundObject(name, Text(reference, "uid") ?? "")
            : null;

    // "aud" is an array in the tokens we sign; RFC 7519 also allows a single string.
    private static IEnumerable<string> Audiences(JsonObject claims) => claims["aud"] switch
    {
        JsonArray array => array.Select(a => a is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>(),
        JsonValue single when single.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset? Seconds(JsonObject obj, string name)
    {
        if (obj[name] is not JsonValue value)
        {
            return null;
        }
        if (value.TryGetValue<long>(out var whole))
        {
            return DateTimeOffset.FromUnixTimeSeconds(whole);
        }
        return value.TryGetValue<double>(out var fractional) && double.IsFinite(fractional) && Math.Abs(fractional) < 253402300799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(fractional * 1000))
            : null;
    }
}
