using System.Globalization;
using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>Creates the namespaces and config maps tests work with, through KubernetesClient.</summary>
public static class TestObjects
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<string> NamespaceAsync(Kubernetes client, string name)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: Ct);
        return name;
    }

    public static Task<V1ConfigMap> ConfigMapAsync(Kubernetes client, string ns, string name, string value = "v",
        IDictionary<string, string>? labels = null) =>
        client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labels },
            Data = new Dictionary<string, string> { ["value"] = value },
        }, ns, cancellationToken: Ct);

    public static Task<V1ConfigMap> SetValueAsync(Kubernetes client, string ns, string name, string value) =>
        client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch($$$"""{"data":{"value":"{{{value}}}"}}""", V1Patch.PatchType.MergePatch),
            name, ns, cancellationToken: Ct);

    public static long Rv(this V1ConfigMap configMap) => long.Parse(configMap.Metadata.ResourceVersion, CultureInfo.InvariantCulture);
}
