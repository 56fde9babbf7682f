using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiServer.Registry;

/// <summary>Maps each resource to its strategy.</summary>
public static class StrategyCatalog
{
    /// <summary>The strategy for a resource; <see cref="ResourceStrategy.Default"/> when it has no particular rules.</summary>
    public static ResourceStrategy For(ResourceDefinition resource) => (resource.Group, resource.Kind) switch
    {
        _ => ResourceStrategy.Default,
    };
}
