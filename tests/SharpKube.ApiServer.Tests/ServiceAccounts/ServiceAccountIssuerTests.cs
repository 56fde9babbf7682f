using SharpKube.ApiServer.Authentication;
using SharpKube.ApiServer.ServiceAccounts;

namespace SharpKube.ApiServer.Tests.ServiceAccounts;

/// <summary>Signing and checking tokens at chosen times, with objects that exist or not.</summary>
public sealed class ServiceAccountIssuerTests : IDisposable
{
    private const string Issuer = "https://kubernetes.default.svc.cluster.local";

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TokenBinding Robot = new("ns", new BoundObject("robot", "sa-uid"), Pod: new BoundObject("web", "pod-uid"));

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sharpkube-sa-issuer-");
    private readonly ServiceAccountSigningKey _key;
    private readonly ServiceAccountIssuer _issuer;

    public ServiceAccountIssuerTests()
    {
        _key = ServiceAccountSigningKey.LoadOrCreate(_directory.FullName);
        _issuer = new ServiceAccountIssuer(Issuer, null, _key);
    }

    private string Token(IReadOnlyList<string>? audiences = null) =>
        _issuer.Issue(Robot, audiences ?? [Issuer], TimeSpan.FromHours(1), Now).Token;

    [Theory]
    [InlineData(0, true)]
    [InlineData(3659, true)]
    [InlineData(3661, false)]
    [InlineData(-59, true)]
    [InlineData(-61, false)]
    public void Verify_HonoursTheValidityPeriodWithAMinuteOfLeeway(int secondsAfterIssue, bool valid)
    {
        var verified = _issuer.Verify(Token(), Now.AddSeconds(secondsAfterIssue));

        Assert.Equal(valid, verified is not null);
    }

    [Fact]
    public void Verify_ReturnsTheBinding()
    {
        var verified = _issuer.Verify(Token(), Now);

        Assert.NotNull(verified);
        Assert.Equal(Robot, verified.Binding);
        Assert.Equal(Now.AddHours(1), verified.Expiration);
    }

    [Fact]
    public void Verify_OfATokenWithoutAnApiAudience_Fails()
    {
        Assert.Null(_issuer.Verify(Token(["vault"]), Now));
        Assert.NotNull(_issuer.Verify(Token(["vault", Issuer]), Now));
    }

    [Fact]
    public void Verify_OfATokenFromAnotherKeyOrIssuer_Fails()
    {
        using var otherDirectory = new TemporaryDirectory();
        using var otherKey = ServiceAccountSigningKey.LoadOrCreate(otherDirectory.Path);
        var foreignKey = new ServiceAccountIssuer(Issuer, null, otherKey).Issue(Robot, [Issuer], TimeSpan.FromHours(1), Now).Token;
        var foreignIssuer = new ServiceAccountIssuer("https://elsewhere", [Issuer], _key).Issue(Robot, [Issuer], TimeSpan.FromHours(1), Now).Token;

        Assert.Null(_issuer.Verify(foreignKey, Now));
        Assert.Null(_issuer.Verify(foreignIssuer, Now));
    }

    [Fact]
    public void Authenticator_RejectsATokenWhoseObjectsAreGoneOrReplaced()
    {
        var token = Token();
        var objects = new Dictionary<string, CachedObjectState>
        {
            ["serviceaccounts/ns/robot"] = new("sa-uid", null),
            ["pods/ns/web"] = new("pod-uid", null),
        };
        var time = new FixedTime(Now);
        var authenticator = new ServiceAccountTokenAuthenticator(_issuer, (plural, ns, name) => objects.GetValueOrDefault($"{plural}/{ns}/{name}"), time);

        var user = authenticator.AuthenticateToken(token);
        Assert.NotNull(user);
        Assert.Equal("system:serviceaccount:ns:robot", user.Name);
        Assert.Equal("sa-uid", user.Uid);

        // Being deleted gracefully: still valid until the deletion time is a minute past.
        objects["pods/ns/web"] = new("pod-uid", Now.AddSeconds(-30));
        Assert.NotNull(authenticator.AuthenticateToken(token));
        objects["pods/ns/web"] = new("pod-uid", Now.AddSeconds(-61));
        Assert.Null(authenticator.AuthenticateToken(token));
        objects["pods/ns/web"] = new("other-pod-uid", null);
        Assert.Null(authenticator.AuthenticateToken(token));
        objects["pods/ns/web"] = new("pod-uid", null);
        objects["serviceaccounts/ns/robot"] = new("new-sa-uid", null);
        Assert.Null(authenticator.AuthenticateToken(token));
        objects.Remove("serviceaccounts/ns/robot");
        Assert.Null(authenticator.AuthenticateToken(token));
    }

    [Fact]
    public void SigningKey_IsKeptAndReusedWithItsKeyId()
    {
        using var again = ServiceAccountSigningKey.LoadOrCreate(_directory.FullName);

        Assert.Equal(_key.KeyId, again.KeyId);
        Assert.NotNull(_issuer.Verify(new ServiceAccountIssuer(Issuer, null, again).Issue(Robot, [Issuer], TimeSpan.FromHours(1), Now).Token, Now));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory.FullName, "sa.key")));
        Assert.True(File.GetUnixFileMode(Path.Combine(_directory.FullName, "sa.pub")).HasFlag(UnixFileMode.OtherRead));
    }

    public void Dispose()
    {
        _key.Dispose();
        _directory.Delete(recursive: true);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sharpkube-sa-other-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
