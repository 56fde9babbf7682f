using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints PersistentVolumeClaims: NAME, STATUS, VOLUME, CAPACITY, ACCESS MODES, STORAGECLASS,
/// VOLUMEATTRIBUTESCLASS, AGE and, wide, VOLUMEMODE. Capacity and access modes show only once bound.
/// </summary>
public sealed class PersistentVolumeClaimTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Status", "phase represents the current phase of PersistentVolumeClaim."),
        StandardColumns.Text("Volume", "volumeName is the binding reference to the PersistentVolume backing this claim."),
        StandardColumns.Text("Capacity", "capacity represents the actual resources of the underlying volume."),
        StandardColumns.Text("Access Modes", "accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1"),
        StandardColumns.Text("StorageClass", "StorageClass of the pvc"),
        StandardColumns.Text("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
        StandardColumns.Age,
        StandardColumns.Text("VolumeMode", "volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.", 1),
    ];

    private PersistentVolumeClaimTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static PersistentVolumeClaimTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var status = obj.Field("status");
        var volumeName = spec.Field("volumeName").Text();
        var bound = volumeName.Length > 0;
        return
        [
            ObjectMetadata.Name(obj),
            ObjectMetadata.IsDeleting(obj) ? "Terminating" : status.Field("phase").Text(),
            volumeName,
            bound ? status.At("capacity", "storage").QuantityOrNull() ?? "0" : "",
            bound ? AccessModesText.Format(status.Field("accessModes")) : "",
            ObjectMetadata.Annotation(obj, PersistentVolumeTableConvertor.BetaStorageClassAnnotation) ?? spec.Field("storageClassName").Text(),
            spec.Field("volumeAttributesClassName").TextOrNull() ?? "<unset>",
            ObjectMetadata.Age(obj, now),
            spec.Field("volumeMode").TextOrNull() ?? "<unset>",
        ];
    }
}
