using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;
using SharpKube.ApiServer.Tests.Integration;

namespace SharpKube.ApiServer.Tests.PodLogs;

/// <summary>
/// <c>GET pods/{name}/log</c> as the API server answers it before any kubelet is involved: upstream's validation of the
/// options, of the pod and of the container, and the empty log of a pod not yet scheduled.
/// </summary>
public sealed class PodLogRequestTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Ns = "pod-logs";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task NamespaceAsync()
    {
        try
        {
            await TestObjects.NamespaceAsync(fixture.Client, Ns);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Created by an earlier test of this class.
        }
    }

    private async Task PodAsync(string name, string? nodeName = null, bool withInitContainer = false, params string[] containers)
    {
        await NamespaceAsync();
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                NodeName = nodeName,
                Containers = [.. containers.Select(c => new V1Container { Name = c, Image = "busybox" })],
                InitContainers = withInitContainer ? [new V1Container { Name = "setup", Image = "busybox" }] : null,
            },
        }, Ns, cancellationToken: Ct);
    }

    private async Task<HttpResponseMessage> LogAsync(string pod, string query = "")
    {
        using var http = new ApiHttp(fixture.Server);
        return await http.GetAsync($"/api/v1/namespaces/{Ns}/pods/{pod}/log{query}");
    }

    [Fact]
    public async Task Log_OfAMissingPod_IsNotFound()
    {
        await NamespaceAsync();

        var message = await StatusAssert.IsFailureAsync(await LogAsync("nobody"), 404, "NotFound");

        Assert.Equal("pods \"nobody\" not found", message);
    }

    [Fact]
    public async Task Log_WithoutAContainer_OfAPodWithSeveral_NamesThemAll()
    {
        await PodAsync("several", null, true, "web", "sidecar");

        var message = await StatusAssert.IsFailureAsync(await LogAsync("several"), 400, "BadRequest");

        Assert.Equal("a container name must be specified for pod several, choose one of: [web sidecar] or one of the init containers: [setup]", message);
    }

    [Fact]
    public async Task Log_OfAContainerNotInThePod_IsABadRequest()
    {
        await PodAsync("single", null, false, "web");

        var message = await StatusAssert.IsFailureAsync(await LogAsync("single", "?container=db"), 400, "BadRequest");

        Assert.Equal("container db is not valid for pod single", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?container=setup")]
    [InlineData("?container=web&follow=true")]
    public async Task Log_OfAPodNotYetScheduled_IsEmpty(string query)
    {
        await PodAsync("pending" + query.Length, null, true, "web");

        using var response = await LogAsync("pending" + query.Length, query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("tailLines=-1", "PodLogOptions \"valid\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0")]
    [InlineData("limitBytes=0", "PodLogOptions \"valid\" is invalid: limitBytes: Invalid value: 0: must be greater than 0")]
    [InlineData("sinceSeconds=0", "PodLogOptions \"valid\" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0")]
    [InlineData("sinceSeconds=5&sinceTime=2025-03-01T10:00:00Z", "PodLogOptions \"valid\" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified")]
    public async Task Log_WithValuesOutOfRange_IsInvalid(string query, string expected)
    {
        await NamespaceAsync();

        var message = await StatusAssert.IsFailureAsync(await LogAsync("valid", "?" + query), 422, "Invalid");

        Assert.Equal(expected, message);
    }

    [Theory]
    [InlineData("tailLines=ten")]
    [InlineData("limitBytes=1.5")]
    [InlineData("sinceTime=yesterday")]
    public async Task Log_WithValuesThatDoNotDecode_IsABadRequest(string query)
    {
        await NamespaceAsync();

        await StatusAssert.IsFailureAsync(await LogAsync("valid", "?" + query), 400, "BadRequest");
    }

    [Fact]
    public async Task Log_WhenTheNodesKubeletIsUnreachable_IsAnInternalErrorNamingTheKubeletUrl()
    {
        await fixture.Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "unreachable-node" } }, cancellationToken: Ct);
        var node = await fixture.Client.CoreV1.ReadNodeAsync("unreachable-node", cancellationToken: Ct);
        node.Status = new V1NodeStatus
        {
            Addresses = [new V1NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }],
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = 1 } },
        };
        await fixture.Client.CoreV1.ReplaceNodeStatusAsync(node, "unreachable-node", cancellationToken: Ct);
        await PodAsync("stranded", "unreachable-node", false, "web");

        var message = await StatusAssert.IsFailureAsync(await LogAsync("stranded", "?tailLines=5"), 500, "InternalError");

        Assert.StartsWith("Get \"https://127.0.0.1:1/containerLogs/pod-logs/stranded/web?tailLines=5\": ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_ThroughTheOfficialClient_OfAMissingPod_IsNotFound()
    {
        await NamespaceAsync();

        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            fixture.Client.CoreV1.ReadNamespacedPodLogAsync("ghost", Ns, cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    [Fact]
    public async Task Discovery_ListsPodsLog_WithTheGetVerbAndKindPod()
    {
        using var http = new ApiHttp(fixture.Server);

        using var response = await http.GetAsync("/api/v1");
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var log = list.RootElement.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "pods/log");
        Assert.Equal("Pod", log.GetProperty("kind").GetString());
        Assert.Equal(["get"], log.GetProperty("verbs").EnumerateArray().Select(v => v.GetString()));
    }
}
