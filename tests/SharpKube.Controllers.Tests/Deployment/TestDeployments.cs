using System.Globalization;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace SharpKube.Controllers.Tests.Deployment;

/// <summary>Deployments for the deployment controller's tests, and reading them back.</summary>
public static class TestDeployments
{
    /// <summary>A Deployment of busybox pods labelled <c>app=&lt;name&gt;</c>, RollingUpdate unless <paramref name="strategy"/> says otherwise.</summary>
    public static V1Deployment Build(string name, int replicas, string image = "busybox:1.35", V1DeploymentStrategy? strategy = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Strategy = strategy,
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image }] },
            },
        },
    };

    /// <summary>A RollingUpdate strategy with the given limits (ints like <c>2</c> or percents like <c>25%</c>).</summary>
    public static V1DeploymentStrategy Rolling(string maxSurge, string maxUnavailable) => new()
    {
        Type = "RollingUpdate",
        RollingUpdate = new V1RollingUpdateDeployment
        {
            MaxSurge = Parse(maxSurge),
            MaxUnavailable = Parse(maxUnavailable),
        },
    };

    /// <summary>The Recreate strategy.</summary>
    public static V1DeploymentStrategy Recreate { get; } = new() { Type = "Recreate" };

    /// <summary>Creates <paramref name="deployment"/> in <paramref name="ns"/>.</summary>
    public static Task<V1Deployment> CreateAsync(Kubernetes client, string ns, V1Deployment deployment) =>
        client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Reads a Deployment.</summary>
    public static Task<V1Deployment> GetAsync(Kubernetes client, string ns, string name) =>
        client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Changes the image of the <c>app</c> container with a strategic merge patch, as <c>kubectl set image</c> does.</summary>
    public static Task<V1Deployment> SetImageAsync(Kubernetes client, string ns, string name, string image) =>
        client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":""" + JsonSerializer.Serialize(image) + "}]}}}}",
            V1Patch.PatchType.StrategicMergePatch), name, ns, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Sets <c>spec.replicas</c> through the scale subresource, as <c>kubectl scale</c> does.</summary>
    public static Task<V1Scale> ScaleAsync(Kubernetes client, string ns, string name, int replicas) =>
        client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("{\"spec\":{\"replicas\":" + replicas.ToString(CultureInfo.InvariantCulture) + "}}", V1Patch.PatchType.MergePatch),
            name, ns, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>The Deployment's condition of <paramref name="type"/>, or null.</summary>
    public static V1DeploymentCondition? Condition(V1Deployment deployment, string type) =>
        deployment.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>The revision annotation of a Deployment or ReplicaSet, or null.</summary>
    public static string? Revision(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.Annotations?.TryGetValue("deployment.kubernetes.io/revision", out var revision) == true ? revision : null;

    /// <summary>The image of the ReplicaSet's <c>app</c> container.</summary>
    public static string Image(V1ReplicaSet rs) => rs.Spec.Template.Spec.Containers[0].Image;

    private static IntOrString Parse(string value) => value.EndsWith('%') ? value : int.Parse(value, CultureInfo.InvariantCulture);
}
