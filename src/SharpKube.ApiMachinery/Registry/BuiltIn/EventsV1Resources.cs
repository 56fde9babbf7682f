using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>events.k8s.io/v1: the newer view of the same Events the core group serves.</summary>
internal static class EventsV1Resources
{
    /// <summary>All events.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        // Upstream stores these as core v1 Events under the same key prefix, so both APIs see one set of objects.
        new()
        {
            Group = "events.k8s.io", Version = "v1", Kind = "Event", Plural = "events", Singular = "event",
            Namespaced = true, ShortNames = ["ev"], StorageResource = "events", StorageGroup = "",
            ModelType = typeof(Eventsv1Event),
        },
    ];
}
