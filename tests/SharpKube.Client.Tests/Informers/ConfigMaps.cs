using k8s.Models;
using SharpKube.Client.Resources;

namespace SharpKube.Client.Tests.Informers;

/// <summary>ConfigMap writes for informer tests, through <see cref="ResourceClient{T}"/>.</summary>
public sealed class ConfigMaps(ResourceClient<V1ConfigMap> client, string ns)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<V1ConfigMap> CreateAsync(string name, IDictionary<string, string>? labels = null, IList<V1OwnerReference>? owners = null) =>
        client.CreateAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels, OwnerReferences = owners },
            Data = new Dictionary<string, string> { ["value"] = "0" },
        }, Ct);

    public Task<V1ConfigMap> SetAsync(string name, string value) =>
        client.PatchAsync(ns, name, new V1Patch($$$"""{"data":{"value":"{{{value}}}"}}""", V1Patch.PatchType.MergePatch), Ct);

    public Task DeleteAsync(string name) => client.DeleteAsync(ns, name, Ct);
}
