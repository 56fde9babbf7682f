namespace SharpKube.ApiServer.Authentication;

/// <summary>Maps a bearer token to a user: static tokens, service account JWTs, bootstrap tokens.</summary>
public interface ITokenAuthenticator
{
    /// <summary>The user the token belongs to, or null when this authenticator does not recognise it.</summary>
    /// <remarks>Implementations must not log the token.</remarks>
    UserInfo? AuthenticateToken(string token);
}
