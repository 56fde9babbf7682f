using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using SharpKube.ApiServer.Tests.Integration;

namespace SharpKube.ApiServer.Tests.ServiceAccounts;

/// <summary><c>POST serviceaccounts/{name}/token</c> against a real server: defaults, validation, binding and the JWT itself.</summary>
public sealed class TokenRequestTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IDisposable
{
    private const string Issuer = "https://kubernetes.default.svc.cluster.local";

    private readonly TokenApi _api = new(fixture.Server, fixture.Client);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TokenRequest_WithEmptySpec_DefaultsToTheApiAudienceAndOneHour()
    {
        await _api.ServiceAccountAsync("tr-defaults", "robot");
        var before = DateTimeOffset.UtcNow;

        var (code, body) = await _api.RequestAsync("tr-defaults", "robot");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("TokenRequest", body.GetProperty("kind").GetString());
        Assert.Equal("authentication.k8s.io/v1", body.GetProperty("apiVersion").GetString());
        Assert.Equal("robot", body.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal("tr-defaults", body.GetProperty("metadata").GetProperty("namespace").GetString());
        var spec = body.GetProperty("spec");
        Assert.Equal([Issuer], spec.GetProperty("audiences").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(3600, spec.GetProperty("expirationSeconds").GetInt64());
        var expiration = DateTimeOffset.Parse(body.GetProperty("status").GetProperty("expirationTimestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiration, before.AddSeconds(3599), DateTimeOffset.UtcNow.AddSeconds(3601));
    }

    [Fact]
    public async Task Token_HasUpstreamsHeaderAndClaims()
    {
        var account = await _api.ServiceAccountAsync("tr-claims", "robot");

        var (_, body) = await _api.RequestAsync("tr-claims", "robot", """{"audiences":["vault","https://example.com"],"expirationSeconds":7200}""");
        var token = body.GetProperty("status").GetProperty("token").GetString()!;

        var header = TokenApi.Part(token, 0);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        var publicKey = File.ReadAllText(Path.Combine(fixture.DataDir, "pki", "sa.pub"));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicKey);
        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())), header.GetProperty("kid").GetString());
        var claims = TokenApi.Part(token, 1);
        Assert.Equal(Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal("system:serviceaccount:tr-claims:robot", claims.GetProperty("sub").GetString());
        Assert.Equal(["vault", "https://example.com"], claims.GetProperty("aud").EnumerateArray().Select(a => a.GetString()));
        var issuedAt = claims.GetProperty("iat").GetInt64();
        Assert.Equal(issuedAt, claims.GetProperty("nbf").GetInt64());
        Assert.Equal(issuedAt + 7200, claims.GetProperty("exp").GetInt64());
        Assert.True(Guid.TryParse(claims.GetProperty("jti").GetString(), out _));
        var kubernetes = claims.GetProperty("kubernetes.io");
        Assert.Equal("tr-claims", kubernetes.GetProperty("namespace").GetString());
        Assert.Equal("robot", kubernetes.GetProperty("serviceaccount").GetProperty("name").GetString());
        Assert.Equal(account.Metadata.Uid, kubernetes.GetProperty("serviceaccount").GetProperty("uid").GetString());
        Assert.False(kubernetes.TryGetProperty("pod", out _));
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]), Base64Url.DecodeFromChars(token.AsSpan(token.LastIndexOf('.') + 1)),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task TokenRequest_ShorterThanTenMinutes_IsInvalid()
    {
        await _api.ServiceAccountAsync("tr-short", "robot");

        var (code, body) = await _api.RequestAsync("tr-short", "robot", """{"expirationSeconds":599}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", body.GetProperty("reason").GetString());
        Assert.Equal("TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes",
            body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task TokenRequest_ForAMissingServiceAccount_IsNotFound()
    {
        await _api.ServiceAccountAsync("tr-missing", "someone-else");

        var (code, body) = await _api.RequestAsync("tr-missing", "ghost");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("serviceaccounts \"ghost\" not found", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task TokenRequest_BoundToAMissingPod_IsNotFound()
    {
        await _api.ServiceAccountAsync("tr-nopod", "robot");

        var (code, body) = await _api.RequestAsync("tr-nopod", "robot", """{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"gone"}}""");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("pods \"gone\" not found", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task TokenRequest_BoundToAPodWithAnotherUid_IsAConflict()
    {
        await _api.ServiceAccountAsync("tr-uid", "robot");
        await _api.PodAsync("tr-uid", "web", "robot");

        var (code, body) = await _api.RequestAsync("tr-uid", "robot",
            """{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web","uid":"00000000-0000-0000-0000-000000000001"}}""");

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.StartsWith("Operation cannot be fulfilled on Pod \"web\": the UID in the bound object reference (00000000-0000-0000-0000-000000000001) does not match",
            body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task TokenRequest_BoundToAPodOfAnotherServiceAccount_IsABadRequest()
    {
        await _api.ServiceAccountAsync("tr-othersa", "robot");
        await _api.PodAsync("tr-othersa", "web", "builder");

        var (code, _) = await _api.RequestAsync("tr-othersa", "robot", """{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task TokenRequest_BoundToAnUnsupportedKind_IsABadRequest()
    {
        await _api.ServiceAccountAsync("tr-kind", "robot");

        var (code, body) = await _api.RequestAsync("tr-kind", "robot", """{"boundObjectRef":{"kind":"ConfigMap","apiVersion":"v1","name":"x"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("cannot bind token to object of type /v1, Kind=ConfigMap", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Token_BoundToAScheduledPod_NamesThePodAndItsNode()
    {
        await _api.ServiceAccountAsync("tr-pod", "robot");
        var node = await fixture.Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "tr-pod-node" } }, cancellationToken: Ct);
        var pod = await _api.PodAsync("tr-pod", "web", "robot", "tr-pod-node");

        var token = await _api.TokenAsync("tr-pod", "robot", $$$"""{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web","uid":"{{{pod.Metadata.Uid}}}"}}""");

        var kubernetes = TokenApi.Part(token, 1).GetProperty("kubernetes.io");
        Assert.Equal("web", kubernetes.GetProperty("pod").GetProperty("name").GetString());
        Assert.Equal(pod.Metadata.Uid, kubernetes.GetProperty("pod").GetProperty("uid").GetString());
        Assert.Equal("tr-pod-node", kubernetes.GetProperty("node").GetProperty("name").GetString());
        Assert.Equal(node.Metadata.Uid, kubernetes.GetProperty("node").GetProperty("uid").GetString());
    }

    [Fact]
    public async Task Token_BoundToASecret_NamesTheSecret()
    {
        await _api.ServiceAccountAsync("tr-secret", "robot");
        var secret = await fixture.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "tr-secret",
            cancellationToken: Ct);

        var token = await _api.TokenAsync("tr-secret", "robot", """{"boundObjectRef":{"kind":"Secret","apiVersion":"v1","name":"s"}}""");

        var reference = TokenApi.Part(token, 1).GetProperty("kubernetes.io").GetProperty("secret");
        Assert.Equal("s", reference.GetProperty("name").GetString());
        Assert.Equal(secret.Metadata.Uid, reference.GetProperty("uid").GetString());
    }

    [Fact]
    public async Task Jwks_PublishesTheKeyThatVerifiesTokens()
    {
        await _api.ServiceAccountAsync("tr-jwks", "robot");
        var token = await _api.TokenAsync("tr-jwks", "robot");
        using var http = new ApiHttp(fixture.Server);

        using var response = await http.GetAsync("/openid/v1/jwks");
        using var configuration = await http.GetAsync("/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jwk-set+json", response.Content.Headers.ContentType?.MediaType);
        using var jwks = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(TokenApi.Part(token, 0).GetProperty("kid").GetString(), key.GetProperty("kid").GetString());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(key.GetProperty("n").GetString()),
            Exponent = Base64Url.DecodeFromChars(key.GetProperty("e").GetString()),
        });
        var dot = token.LastIndexOf('.');
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(token[..dot]), Base64Url.DecodeFromChars(token.AsSpan(dot + 1)), HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1));
        Assert.Equal(HttpStatusCode.OK, configuration.StatusCode);
        using var discovery = JsonDocument.Parse(await configuration.Content.ReadAsStringAsync(Ct));
        Assert.Equal(Issuer, discovery.RootElement.GetProperty("issuer").GetString());
        Assert.EndsWith("/openid/v1/jwks", discovery.RootElement.GetProperty("jwks_uri").GetString());
    }

    public void Dispose() => _api.Dispose();
}
