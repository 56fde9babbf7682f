using k8s;
using k8s.Autorest;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// The Priority admission plugin as a client sees it: a pod's PriorityClass becomes its priority and preemption
/// policy; unknown classes and priorities that contradict the class are refused with upstream's 403.
/// </summary>
public sealed class PriorityAdmissionTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_WithAUserClass_GetsItsValueAndPolicy()
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "prio-user");
        await fixture.Client.SchedulingV1.CreatePriorityClassAsync(new V1PriorityClass
        {
            Metadata = new V1ObjectMeta { Name = "prio-polite" },
            Value = 4000,
            PreemptionPolicy = "Never",
        }, cancellationToken: Ct);

        var created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("p", "prio-polite"), ns, cancellationToken: Ct);

        Assert.Equal(4000, created.Spec.Priority);
        Assert.Equal("Never", created.Spec.PreemptionPolicy);
    }

    [Fact]
    public async Task Create_WithoutAClass_GetsZero()
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "prio-none");

        var created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("p", null), ns, cancellationToken: Ct);

        Assert.Equal(0, created.Spec.Priority);
        Assert.Equal("PreemptLowerPriority", created.Spec.PreemptionPolicy);
    }

    [Fact]
    public async Task Create_WithAnUnknownClass_IsForbidden()
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "prio-unknown");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("x", "foo"), ns, cancellationToken: Ct));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.Contains("pods \\\"x\\\" is forbidden: no PriorityClass with name foo was found", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubectlCreate_WithAnUnknownClass_PrintsUpstreamsError()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "prio-kubectl-unknown");
        var path = _manifests.Write("prio-unknown.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: x
            spec:
              priorityClassName: foo
              containers:
              - name: c
                image: busybox:1.35
            """);

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error from server (Forbidden): error when creating \"" + path + "\": pods \"x\" is forbidden: no PriorityClass with name foo was found\n",
            result.Error);
    }

    [Fact]
    public async Task KubectlApply_ClassAndPod_ThePodShowsTheClassPriority()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "prio-kubectl-apply");
        var path = _manifests.Write("prio-apply.yaml", $"""
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata:
              name: prio-high
            value: 1000000
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: {ns}
            spec:
              priorityClassName: prio-high
              containers:
              - name: c
                image: busybox:1.35
            """);

        (await fixture.Kubectl.RunAsync("apply", "-f", path)).EnsureSuccess();
        var get = (await fixture.Kubectl.RunAsync("get", "pod", "web", "-n", ns, "-o",
            "jsonpath={.spec.priorityClassName} {.spec.priority} {.spec.preemptionPolicy}")).EnsureSuccess();

        Assert.Equal("prio-high 1000000 PreemptLowerPriority", get.Output);
    }

    [Fact]
    public async Task KubectlCreate_WithAPriorityOtherThanItsClass_IsForbidden()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "prio-kubectl-mismatch");
        var path = _manifests.Write("prio-mismatch.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: x
            spec:
              priorityClassName: system-cluster-critical
              priority: 10
              containers:
              - name: c
                image: busybox:1.35
            """);

        var result = await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error from server (Forbidden): error when creating \"" + path + "\": pods \"x\" is forbidden: the integer value of priority (10) "
            + "must not be provided in pod spec; priority admission controller computed 2000000000 from the given PriorityClass name\n", result.Error);
    }

    internal static V1Pod Pod(string name, string? className) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            PriorityClassName = className,
            Containers = [new V1Container { Name = "c", Image = "busybox:1.35" }],
        },
    };
}
