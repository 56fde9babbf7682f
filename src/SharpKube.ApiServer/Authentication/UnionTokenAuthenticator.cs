namespace SharpKube.ApiServer.Authentication;

/// <summary>Several token authenticators tried in order; the first that recognises a token decides.</summary>
public sealed class UnionTokenAuthenticator : ITokenAuthenticator
{
    private readonly ITokenAuthenticator[] _authenticators;

    /// <summary>Creates the union of <paramref name="authenticators"/>, tried in this order.</summary>
    public UnionTokenAuthenticator(params IReadOnlyList<ITokenAuthenticator> authenticators)
    {
        ArgumentNullException.ThrowIfNull(authenticators);
        _authenticators = [.. authenticators];
    }

    /// <inheritdoc />
    public UserInfo? AuthenticateToken(string token)
    {
        foreach (var authenticator in _authenticators)
        {
            if (authenticator.AuthenticateToken(token) is { } user)
            {
                return user;
            }
        }
        return null;
    }
}
