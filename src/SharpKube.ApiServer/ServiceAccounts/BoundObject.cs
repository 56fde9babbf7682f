namespace SharpKube.ApiServer.ServiceAccounts;

/// <summary>An object a service account token names: its service account, or the pod, secret or node it is bound to.</summary>
/// <param name="Name">The object's name.</param>
/// <param name="Uid">The object's uid, so that a recreated object with the same name does not inherit the token.</param>
public sealed record BoundObject(string Name, string Uid);
