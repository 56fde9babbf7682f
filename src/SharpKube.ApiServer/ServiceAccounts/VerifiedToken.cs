namespace SharpKube.ApiServer.ServiceAccounts;

/// <summary>A service account token whose signature, issuer, audience and validity period checked out.</summary>
/// <param name="Binding">The namespace, service account and bound objects it names.</param>
/// <param name="Id">Its <c>jti</c>, when it has one.</param>
/// <param name="Expiration">Its <c>exp</c>.</param>
public sealed record VerifiedToken(TokenBinding Binding, string? Id, DateTimeOffset Expiration);
