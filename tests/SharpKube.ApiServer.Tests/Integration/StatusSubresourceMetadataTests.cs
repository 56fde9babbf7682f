using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// What a write to <c>/status</c> may change besides the status: for Deployments the annotations (the deployment
/// controller records the revision there, as upstream's status strategy allows), never the generation.
/// </summary>
public sealed class StatusSubresourceMetadataTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeploymentStatusUpdate_ChangesAnnotations_ButNotLabelsOrGeneration()
    {
        var ns = await NamespaceAsync("status-meta-deploy");
        var created = await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(), ns, cancellationToken: Ct);
        created.Metadata.Annotations = new Dictionary<string, string> { ["deployment.kubernetes.io/revision"] = "1" };
        created.Metadata.Labels = new Dictionary<string, string> { ["changed"] = "by-status" };
        created.Status = new V1DeploymentStatus { ObservedGeneration = 1, Replicas = 1 };

        var updated = await fixture.Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(created, "web", ns, cancellationToken: Ct);

        Assert.Equal("1", updated.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Null(updated.Metadata.Labels);
        Assert.Equal(1, updated.Metadata.Generation);
        Assert.Equal(1, updated.Status.Replicas);
    }

    [Fact]
    public async Task DeploymentUpdate_OfAnnotations_BumpsTheGeneration()
    {
        var ns = await NamespaceAsync("status-meta-main");
        var created = await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(), ns, cancellationToken: Ct);
        created.Metadata.Annotations = new Dictionary<string, string> { ["kubernetes.io/change-cause"] = "v2" };

        var updated = await fixture.Client.AppsV1.ReplaceNamespacedDeploymentAsync(created, "web", ns, cancellationToken: Ct);

        Assert.Equal(2, updated.Metadata.Generation);
    }

    [Fact]
    public async Task ReplicaSetStatusUpdate_KeepsTheStoredAnnotations()
    {
        var ns = await NamespaceAsync("status-meta-rs");
        var deployment = Deployment();
        var created = await fixture.Client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ReplicaSetSpec { Replicas = 1, Selector = deployment.Spec.Selector, Template = deployment.Spec.Template },
        }, ns, cancellationToken: Ct);
        created.Metadata.Annotations = new Dictionary<string, string> { ["a"] = "b" };
        created.Status = new V1ReplicaSetStatus { Replicas = 1 };

        var updated = await fixture.Client.AppsV1.ReplaceNamespacedReplicaSetStatusAsync(created, "web", ns, cancellationToken: Ct);

        Assert.Null(updated.Metadata.Annotations);
        Assert.Equal(1, updated.Status.Replicas);
    }

    private async Task<string> NamespaceAsync(string name)
    {
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: Ct);
        return name;
    }

    private static V1Deployment Deployment() => new()
    {
        Metadata = new V1ObjectMeta { Name = "web" },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "busybox:1.35" }] },
            },
        },
    };
}
