using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>storage.k8s.io/v1: storage classes and the CSI objects.</summary>
internal static class StorageV1Resources
{
    /// <summary>All storage.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Storage("CSIDriver", "csidrivers", "csidriver", namespaced: false) with
        {
            ModelType = typeof(V1CSIDriver),
        },
        Storage("CSINode", "csinodes", "csinode", namespaced: false) with
        {
            ModelType = typeof(V1CSINode),
        },
        Storage("CSIStorageCapacity", "csistoragecapacities", "csistoragecapacity", namespaced: true) with
        {
            ModelType = typeof(V1CSIStorageCapacity),
        },
        Storage("StorageClass", "storageclasses", "storageclass", namespaced: false) with
        {
            ShortNames = ["sc"], ModelType = typeof(V1StorageClass),
        },
        Storage("VolumeAttachment", "volumeattachments", "volumeattachment", namespaced: false) with
        {
            ModelType = typeof(V1VolumeAttachment),
            Subresources = [CommonSubresources.Status("VolumeAttachment")],
        },
    ];

    private static ResourceDefinition Storage(string kind, string plural, string singular, bool namespaced) => new()
    {
        Group = "storage.k8s.io", Version = "v1", Kind = kind, Plural = plural, Singular = singular,
        Namespaced = namespaced,
    };
}
