using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SharpKube.ApiServer.Pki;

namespace SharpKube.ApiServer.Authentication;

/// <summary>
/// Finds out who sent a request, trying in order: the TLS client certificate, then an
/// <c>Authorization: Bearer</c> token against each token authenticator. Every authenticated user is in
/// <c>system:authenticated</c>. A null result means unauthenticated: the caller answers 401 (or treats the
/// request as anonymous where that is allowed).
/// </summary>
public sealed class RequestAuthenticator
{
    private const string BearerScheme = "Bearer";

    private readonly IReadOnlyList<ITokenAuthenticator> _tokenAuthenticators;

    /// <summary>Creates an authenticator that tries <paramref name="tokenAuthenticators"/> in order for bearer tokens.</summary>
    public RequestAuthenticator(params IReadOnlyList<ITokenAuthenticator> tokenAuthenticators)
    {
        ArgumentNullException.ThrowIfNull(tokenAuthenticators);
        _tokenAuthenticators = [.. tokenAuthenticators];
    }

    /// <summary>The user who sent the request, or null when it carries no acceptable credentials.</summary>
    /// <remarks>
    /// A client certificate is trusted as the TLS layer left it: <see cref="ApiServerHttps.Configure"/> admits
    /// only certificates issued by the cluster CA, so the connection would not exist otherwise.
    /// </remarks>
    public UserInfo? Authenticate(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var certificate = context.Connection.ClientCertificate;
        if (certificate is not null && CertificateSubject.From(certificate.SubjectName) is { } subject)
        {
            return new UserInfo(subject.CommonName, null, [.. subject.Organizations, SystemGroups.Authenticated]);
        }

        var token = BearerToken(context.Request);
        if (token is null)
        {
            return null;
        }

        foreach (var authenticator in _tokenAuthenticators)
        {
            if (authenticator.AuthenticateToken(token) is { } user)
            {
                return user.WithGroup(SystemGroups.Authenticated);
            }
        }

        return null;
    }

    // "Authorization: Bearer <token>"; the scheme is case-insensitive, surrounding spaces are ignored.
    private static string? BearerToken(HttpRequest request)
    {
        var values = request.Headers[HeaderNames.Authorization];
        if (values.Count != 1)
        {
            return null;
        }

        var header = values[0].AsSpan().Trim();
        if (header.Length <= BearerScheme.Length
            || !header.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase)
            || header[BearerScheme.Length] != ' ')
        {
            return null;
        }

        var token = header[(BearerScheme.Length + 1)..].Trim();
        return token.IsEmpty ? null : token.ToString();
    }
}
