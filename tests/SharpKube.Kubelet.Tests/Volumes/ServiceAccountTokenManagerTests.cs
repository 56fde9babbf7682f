using System.Net;
using k8s.Autorest;
using k8s.Models;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Tests.Volumes;

/// <summary>When the kubelet asks the TokenRequest API again, and what it asks for.</summary>
public sealed class ServiceAccountTokenManagerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<(string Namespace, string ServiceAccount, Authenticationv1TokenRequest Request)> _requests = [];
    private readonly Clock _clock = new(Start);
    private Exception? _failure;

    private ServiceAccountTokenManager Manager() => new((ns, sa, request, _) =>
    {
        _requests.Add((ns, sa, request));
        if (_failure is not null)
        {
            throw _failure;
        }
        var seconds = request.Spec.ExpirationSeconds ?? 3600;
        return Task.FromResult(new Authenticationv1TokenRequest
        {
            Spec = request.Spec,
            Status = new V1TokenRequestStatus { Token = $"token-{_requests.Count}", ExpirationTimestamp = _clock.GetUtcNow().AddSeconds(seconds).UtcDateTime },
        });
    }, _clock);

    private static V1Pod Pod(string? serviceAccount = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", Uid = "pod-uid" },
        Spec = new V1PodSpec { ServiceAccountName = serviceAccount, Containers = [new V1Container { Name = "app" }] },
    };

    [Fact]
    public async Task GetToken_AsksForATokenBoundToThePod_AsItsServiceAccount()
    {
        var manager = Manager();

        Assert.Equal("token-1", await manager.GetTokenAsync(Pod("robot"), "vault", 600, TestContext.Current.CancellationToken));
        await manager.GetTokenAsync(Pod(), "", 3600, TestContext.Current.CancellationToken);

        var (ns, serviceAccount, request) = _requests[0];
        Assert.Equal(("shop", "robot"), (ns, serviceAccount));
        Assert.Equal(["vault"], request.Spec.Audiences);
        Assert.Equal(600, request.Spec.ExpirationSeconds);
        Assert.Equal(("v1", "Pod", "web", "pod-uid"),
            (request.Spec.BoundObjectRef.ApiVersion, request.Spec.BoundObjectRef.Kind, request.Spec.BoundObjectRef.Name, request.Spec.BoundObjectRef.Uid));
        Assert.Equal("default", _requests[1].ServiceAccount);
        Assert.Empty(_requests[1].Request.Spec.Audiences);
    }

    [Theory]
    [InlineData(3600, 2869, false)]
    [InlineData(3600, 2881, true)]
    [InlineData(7 * 24 * 3600, 24 * 3600 - 11, false)]
    [InlineData(7 * 24 * 3600, 24 * 3600 + 1, true)]
    public async Task GetToken_RenewsPastEightyPercentOfTheLifetimeOrADay(long expirationSeconds, int secondsLater, bool renewed)
    {
        var manager = Manager();
        await manager.GetTokenAsync(Pod(), "", expirationSeconds, TestContext.Current.CancellationToken);

        _clock.Advance(TimeSpan.FromSeconds(secondsLater));
        var token = await manager.GetTokenAsync(Pod(), "", expirationSeconds, TestContext.Current.CancellationToken);

        Assert.Equal(renewed ? "token-2" : "token-1", token);
        Assert.Equal(renewed ? 2 : 1, _requests.Count);
    }

    [Fact]
    public async Task GetToken_WhenTheServerRefuses_FailsWithItsMessage_UnlessAValidTokenIsHeld()
    {
        var manager = Manager();
        // As the official client throws it: the Status is only in the response's content.
        _failure = new HttpOperationException("Operation returned an invalid status code 'NotFound'")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.NotFound),
                """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"serviceaccounts \"robot\" not found","reason":"NotFound","code":404}"""),
        };

        var failure = await Assert.ThrowsAsync<ServiceAccountTokenException>(
            () => manager.GetTokenAsync(Pod("robot"), "", 3600, TestContext.Current.CancellationToken));
        Assert.Equal("serviceaccounts \"robot\" not found", failure.Message);

        _failure = null;
        await manager.GetTokenAsync(Pod("robot"), "", 3600, TestContext.Current.CancellationToken);
        _failure = new HttpRequestException("connection refused");
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("token-2", await manager.GetTokenAsync(Pod("robot"), "", 3600, TestContext.Current.CancellationToken));
        _clock.Advance(TimeSpan.FromMinutes(2));
        await Assert.ThrowsAsync<ServiceAccountTokenException>(() => manager.GetTokenAsync(Pod("robot"), "", 3600, TestContext.Current.CancellationToken));
        Assert.Equal(0, manager.Count);
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
