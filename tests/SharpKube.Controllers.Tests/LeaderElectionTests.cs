using k8s;
using k8s.Models;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests;

public sealed class LeaderElectionTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnlyTheLeadersControllersAct_AndAStandbyTakesOverOnceTheLeasesOfALeaderThatStoppedWithoutReleasingExpires()
    {
        var firstLog = new RequestLog();
        var secondLog = new RequestLog();
        using var firstStop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var secondStop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var loggers = TestOutputLoggerProvider.CreateFactory();
        using var firstClient = Client(firstLog);
        using var secondClient = Client(secondLog);
        var first = Task.Run(() => ControllerManager.RunAsync(firstClient, Options("manager-one"), loggers, firstStop.Token), Ct);
        await Eventually.TrueAsync(async () => await HolderAsync() == "manager-one", "the first manager leads");
        var second = Task.Run(() => ControllerManager.RunAsync(secondClient, Options("manager-two"), loggers, secondStop.Token), Ct);
        await Eventually.TrueAsync(() => secondLog.Count("GET", "/leases/kube-controller-manager") > 0, "the second manager is a candidate");

        await fixture.NamespaceAsync("le-first");

        await Eventually.TrueAsync(async () => await HasDefaultServiceAccountAsync("le-first"), "the leader's controller created the ServiceAccount");
        Assert.Equal(1, firstLog.Count("POST", "/namespaces/le-first/serviceaccounts"));
        Assert.Equal(0, secondLog.Count("POST", "/serviceaccounts"));
        Assert.Equal(0, secondLog.Count("GET", "/api/v1/serviceaccounts"));
        var transitions = (await LeaseAsync()).Spec.LeaseTransitions ?? 0;

        // Stopped without releasing the Lease, as when the process dies: the standby must wait for it to expire.
        await firstStop.CancelAsync();
        await first;
        Assert.Equal("manager-one", await HolderAsync());
        await Eventually.TrueAsync(async () => await HolderAsync() == "manager-two", "the second manager takes over");
        Assert.Equal(transitions + 1, (await LeaseAsync()).Spec.LeaseTransitions);
        await fixture.NamespaceAsync("le-second");

        await Eventually.TrueAsync(async () => await HasDefaultServiceAccountAsync("le-second"), "the new leader's controller created the ServiceAccount");
        Assert.Equal(1, secondLog.Count("POST", "/namespaces/le-second/serviceaccounts"));
        Assert.Equal(0, firstLog.Count("POST", "/namespaces/le-second/serviceaccounts"));
        Assert.False(second.IsCompleted);
        await secondStop.CancelAsync();
        await second;
    }

    private static ControllerManagerOptions Options(string identity) => new()
    {
        LeaderElect = true,
        Identity = identity,
        Controllers = new HashSet<string> { "serviceaccount" },
        LeaseDuration = TimeSpan.FromSeconds(4),
        RenewDeadline = TimeSpan.FromSeconds(3),
        RetryPeriod = TimeSpan.FromMilliseconds(250),
        ReleaseOnCancel = false,
    };

    private Kubernetes Client(RequestLog log) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Server.AdminKubeconfigPath), log);

    private Task<V1Lease> LeaseAsync() =>
        fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync(ControllerManager.LeaseName, "kube-system", cancellationToken: Ct);

    private async Task<string?> HolderAsync()
    {
        try
        {
            return (await LeaseAsync()).Spec.HolderIdentity;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<bool> HasDefaultServiceAccountAsync(string ns) =>
        (await fixture.Client.CoreV1.ListNamespacedServiceAccountAsync(ns, cancellationToken: Ct)).Items.Any(sa => sa.Metadata.Name == "default");
}
