using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiServer.Admission;

/// <summary>
/// A mutating admission plugin, as upstream's: it may change an object created or updated through its resource's
/// main endpoint (never through a subresource), after the body is decoded and defaulted and before the object is
/// validated and stored. Every write that reaches the store passes through it: POST, PUT, every PATCH type,
/// server-side apply (also when it creates the object) and <c>dryRun=All</c>.
/// </summary>
public interface IMutatingAdmission
{
    /// <summary>Whether the plugin acts on writes of <paramref name="resource"/>; asked once, when the stores are wired.</summary>
    bool Handles(ResourceDefinition resource);

    /// <summary>
    /// Changes <paramref name="obj"/> in place. <paramref name="old"/> is the stored object on update and null on
    /// create. Refuses the write by throwing a <c>StatusException</c>.
    /// </summary>
    void Admit(JsonObject obj, JsonObject? old);

    /// <summary>
    /// What the store calls on create: <see cref="Admit"/> unless the plugin needs to wait for something (a lookup
    /// that may have to catch up with the datastore, as the Priority plugin's PriorityClass lookup). Updates call
    /// <see cref="Admit"/>, inside the store's retry loop.
    /// </summary>
    ValueTask AdmitAsync(JsonObject obj, JsonObject? old, CancellationToken cancellationToken)
    {
        Admit(obj, old);
        return ValueTask.CompletedTask;
    }
}
