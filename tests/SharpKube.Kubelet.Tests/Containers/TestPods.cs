using k8s.Models;

namespace SharpKube.Kubelet.Tests.Containers;

/// <summary>Small pods for the config builders' tests.</summary>
internal static class TestPods
{
    public static V1Pod Pod(params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", Uid = "1f2e3d4c-0000-4000-8000-000000000001" },
        Spec = new V1PodSpec { Containers = containers.Length > 0 ? containers.ToList() : [Container("app")] },
    };

    public static V1Container Container(string name, string? requests = null, string? limits = null) => new()
    {
        Name = name,
        Image = "registry.local/app:1",
        Resources = new V1ResourceRequirements { Requests = Resources(requests), Limits = Resources(limits) },
    };

    /// <summary>"cpu=250m,memory=64Mi" as a resource list; null stays null.</summary>
    public static Dictionary<string, ResourceQuantity>? Resources(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => new ResourceQuantity(p[1]));
}
