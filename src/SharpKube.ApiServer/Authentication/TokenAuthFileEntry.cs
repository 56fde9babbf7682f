namespace SharpKube.ApiServer.Authentication;

/// <summary>One line of a <c>--token-auth-file</c>: the token, the user name, the uid and the groups.</summary>
/// <remarks>Holds a secret: the record's generated <c>ToString</c> is replaced so the token never reaches a log.</remarks>
internal sealed record TokenAuthFileEntry(string Token, string User, string Uid, IReadOnlyList<string> Groups)
{
    /// <inheritdoc />
    public override string ToString() => $"token for {User}";
}
