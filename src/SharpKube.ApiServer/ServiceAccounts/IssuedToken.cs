namespace SharpKube.ApiServer.ServiceAccounts;

/// <summary>A token the API server signed.</summary>
/// <param name="Token">The compact JWT (a secret).</param>
/// <param name="IssuedAt">Its <c>iat</c> (and <c>nbf</c>).</param>
/// <param name="Expiration">Its <c>exp</c>.</param>
/// <param name="Id">Its <c>jti</c>.</param>
public sealed record IssuedToken(string Token, DateTimeOffset IssuedAt, DateTimeOffset Expiration, string Id)
{
    /// <inheritdoc />
    public override string ToString() => $"token {Id} expiring {Expiration:u}";
}
