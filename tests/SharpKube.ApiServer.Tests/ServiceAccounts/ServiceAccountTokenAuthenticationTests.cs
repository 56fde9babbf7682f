using System.Net;
using k8s;
using k8s.Models;
using SharpKube.ApiServer.Tests.Integration;

namespace SharpKube.ApiServer.Tests.ServiceAccounts;

/// <summary>Requests carrying service account tokens against a real server: who they authenticate as, and when they stop working.</summary>
public sealed class ServiceAccountTokenAuthenticationTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IDisposable
{
    private readonly TokenApi _api = new(fixture.Server, fixture.Client);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PodsPath(string ns) => $"/api/v1/namespaces/{ns}/pods";

    [Fact]
    public async Task Token_AuthenticatesAsTheServiceAccount()
    {
        var account = await _api.ServiceAccountAsync("sa-auth", "robot");
        var token = await _api.TokenAsync("sa-auth", "robot");

        var user = await _api.WhoAmIAsync(token);

        Assert.Equal(HttpStatusCode.OK, await _api.StatusAsync(PodsPath("sa-auth"), token));
        Assert.Equal("system:serviceaccount:sa-auth:robot", user.GetProperty("username").GetString());
        Assert.Equal(account.Metadata.Uid, user.GetProperty("uid").GetString());
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:sa-auth", "system:authenticated"],
            user.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.StartsWith("JTI=", user.GetProperty("extra").GetProperty("authentication.kubernetes.io/credential-id")[0].GetString());
    }

    [Fact]
    public async Task PodBoundToken_CarriesThePodInTheUserExtras()
    {
        await _api.ServiceAccountAsync("sa-extra", "robot");
        var pod = await _api.PodAsync("sa-extra", "web", "robot");
        var token = await _api.TokenAsync("sa-extra", "robot", """{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web"}}""");

        var extra = (await _api.WhoAmIAsync(token)).GetProperty("extra");

        Assert.Equal("web", extra.GetProperty("authentication.kubernetes.io/pod-name")[0].GetString());
        Assert.Equal(pod.Metadata.Uid, extra.GetProperty("authentication.kubernetes.io/pod-uid")[0].GetString());
    }

    [Fact]
    public async Task Token_ForAnotherAudience_IsRejected()
    {
        await _api.ServiceAccountAsync("sa-aud", "robot");
        var token = await _api.TokenAsync("sa-aud", "robot", """{"audiences":["vault"]}""");

        Assert.Equal(HttpStatusCode.Unauthorized, await _api.StatusAsync(PodsPath("sa-aud"), token));
    }

    [Fact]
    public async Task Token_WithATamperedSignatureOrClaims_IsRejected()
    {
        await _api.ServiceAccountAsync("sa-tamper", "robot");
        var token = await _api.TokenAsync("sa-tamper", "robot");
        var parts = token.Split('.');
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        var claims = TokenApi.Part(token, 1).ToString().Replace("robot", "admin", StringComparison.Ordinal);
        var forgedClaims = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(claims));

        Assert.Equal(HttpStatusCode.OK, await _api.StatusAsync(PodsPath("sa-tamper"), token));
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.StatusAsync(PodsPath("sa-tamper"), $"{parts[0]}.{parts[1]}.{new string(signature)}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.StatusAsync(PodsPath("sa-tamper"), $"{parts[0]}.{forgedClaims}.{parts[2]}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.StatusAsync(PodsPath("sa-tamper"), "not-a-token"));
    }

    [Fact]
    public async Task Token_OfARecreatedServiceAccount_IsRejected()
    {
        await _api.ServiceAccountAsync("sa-recreate", "robot");
        var token = await _api.TokenAsync("sa-recreate", "robot");
        await _api.WaitForStatusAsync(PodsPath("sa-recreate"), token, HttpStatusCode.OK);

        await fixture.Client.CoreV1.DeleteNamespacedServiceAccountAsync("robot", "sa-recreate", cancellationToken: Ct);
        await fixture.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "robot" } },
            "sa-recreate", cancellationToken: Ct);

        await _api.WaitForStatusAsync(PodsPath("sa-recreate"), token, HttpStatusCode.Unauthorized);
        var fresh = await _api.TokenAsync("sa-recreate", "robot");
        await _api.WaitForStatusAsync(PodsPath("sa-recreate"), fresh, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_BoundToADeletedPod_IsRejected()
    {
        await _api.ServiceAccountAsync("sa-podgone", "robot");
        await _api.PodAsync("sa-podgone", "web", "robot");
        var token = await _api.TokenAsync("sa-podgone", "robot", """{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web"}}""");
        await _api.WaitForStatusAsync(PodsPath("sa-podgone"), token, HttpStatusCode.OK);

        await fixture.Client.CoreV1.DeleteNamespacedPodAsync("web", "sa-podgone", gracePeriodSeconds: 0, cancellationToken: Ct);

        await _api.WaitForStatusAsync(PodsPath("sa-podgone"), token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenReview_OfAServiceAccountToken_ReportsTheServiceAccount()
    {
        await _api.ServiceAccountAsync("sa-review", "robot");
        var token = await _api.TokenAsync("sa-review", "robot");

        var review = await fixture.Client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token } },
            cancellationToken: Ct);

        Assert.True(review.Status.Authenticated);
        Assert.Equal("system:serviceaccount:sa-review:robot", review.Status.User.Username);
    }

    public void Dispose() => _api.Dispose();
}
