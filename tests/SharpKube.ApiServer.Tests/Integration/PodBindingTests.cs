using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>POST pods/{name}/binding</c>, the scheduler's write: answered 201 with a Success Status, as upstream.</summary>
public sealed class PodBindingTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task PendingPodAsync(string ns, string name)
    {
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "registry.k8s.io/pause:3.10" }] },
        }, ns, cancellationToken: Ct);
    }

    private static string BindingJson(string pod, string node) =>
        $$$"""{"apiVersion":"v1","kind":"Binding","metadata":{"name":"{{{pod}}}"},"target":{"apiVersion":"v1","kind":"Node","name":"{{{node}}}"}}""";

    [Fact]
    public async Task Binding_IsAnswered201WithASuccessStatus_AndAssignsTheNode()
    {
        await PendingPodAsync("binding-ok", "web");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Post, "/api/v1/namespaces/binding-ok/pods/web/binding", BindingJson("web", "node-a"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Status", status.RootElement.GetProperty("kind").GetString());
        Assert.Equal("Success", status.RootElement.GetProperty("status").GetString());
        Assert.Equal(201, status.RootElement.GetProperty("code").GetInt32());
        var pod = await fixture.Client.CoreV1.ReadNamespacedPodAsync("web", "binding-ok", cancellationToken: Ct);
        Assert.Equal("node-a", pod.Spec.NodeName);
        Assert.Contains(pod.Status.Conditions, c => c.Type == "PodScheduled" && c.Status == "True");
    }

    [Fact]
    public async Task Binding_LeavesTheManagedFieldsAsTheyWere()
    {
        await PendingPodAsync("binding-managed", "api");
        var before = await fixture.Client.CoreV1.ReadNamespacedPodAsync("api", "binding-managed", cancellationToken: Ct);
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Post, "/api/v1/namespaces/binding-managed/pods/api/binding?fieldManager=kube-scheduler",
            BindingJson("api", "node-c"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var after = await fixture.Client.CoreV1.ReadNamespacedPodAsync("api", "binding-managed", cancellationToken: Ct);
        Assert.Equal("node-c", after.Spec.NodeName);
        Assert.Equal(
            before.Metadata.ManagedFields.Select(e => (e.Manager, e.Subresource, e.Time, e.FieldsV1.ToString())),
            after.Metadata.ManagedFields.Select(e => (e.Manager, e.Subresource, e.Time, e.FieldsV1.ToString())));
    }

    [Fact]
    public async Task Binding_ThroughTheOfficialClient_Succeeds_AndASecondBindingConflicts()
    {
        await PendingPodAsync("binding-client", "db");
        var binding = new V1Binding { Metadata = new V1ObjectMeta { Name = "db" }, Target = new V1ObjectReference { Kind = "Node", Name = "node-b" } };

        await fixture.Client.CoreV1.CreateNamespacedPodBindingAsync(binding, "db", "binding-client", cancellationToken: Ct);

        var again = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            fixture.Client.CoreV1.CreateNamespacedPodBindingAsync(binding, "db", "binding-client", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.Conflict, again.Response.StatusCode);
        Assert.Contains("pod db is already assigned to node \\\"node-b\\\"", again.Response.Content);
    }
}
