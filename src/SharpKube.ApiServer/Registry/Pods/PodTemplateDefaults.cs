using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Defaults of an embedded pod template (<c>spec.template</c> of workloads, PodTemplate's <c>template</c>).</summary>
public static class PodTemplateDefaults
{
    /// <summary>
    /// Applies the pod spec defaults to <c>template.spec</c> and, as v1.32 serializes it, a null
    /// <c>creationTimestamp</c> in the template's metadata.
    /// </summary>
    public static void Apply(JsonObject template)
    {
        template.EnsureObject("metadata").AddNullIfMissing("creationTimestamp");
        PodSpecDefaults.Apply(template.EnsureObject("spec"));
    }
}
