namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>Subresources many built-in resources share.</summary>
internal static class CommonSubresources
{
    /// <summary>The <c>scale</c> subresource, answered with an autoscaling/v1 Scale.</summary>
    public static SubresourceDefinition Scale { get; } =
        new("scale", "Scale", VerbSets.GetPatchUpdate, "autoscaling", "v1");

    /// <summary>The <c>status</c> subresource of a resource of the given kind.</summary>
    public static SubresourceDefinition Status(string kind) => new("status", kind, VerbSets.GetPatchUpdate);
}
