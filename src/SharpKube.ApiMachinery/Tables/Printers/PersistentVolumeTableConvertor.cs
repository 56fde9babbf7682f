using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints PersistentVolumes: NAME, CAPACITY, ACCESS MODES, RECLAIM POLICY, STATUS, CLAIM, STORAGECLASS,
/// VOLUMEATTRIBUTESCLASS, REASON, AGE and, wide, VOLUMEMODE.
/// </summary>
public sealed class PersistentVolumeTableConvertor : TableConvertor
{
    /// <summary>The legacy annotation that, when present, overrides <c>spec.storageClassName</c>.</summary>
    internal const string BetaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Capacity", "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
        StandardColumns.Text("Access Modes", "accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes"),
        StandardColumns.Text("Reclaim Policy", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming"),
        StandardColumns.Text("Status", "phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase"),
        StandardColumns.Text("Claim", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding"),
        StandardColumns.Text("StorageClass", "StorageClass of the pv"),
        StandardColumns.Text("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
        StandardColumns.Text("Reason", "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
        StandardColumns.Age,
        StandardColumns.Text("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.", 1),
    ];

    private PersistentVolumeTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static PersistentVolumeTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var status = obj.Field("status");
        var claimRef = spec.Field("claimRef");
        return
        [
            ObjectMetadata.Name(obj),
            // A missing storage quantity is Go's zero Quantity, which prints as "0".
            spec.At("capacity", "storage").QuantityOrNull() ?? "0",
            AccessModesText.Format(spec.Field("accessModes")),
            spec.Field("persistentVolumeReclaimPolicy").Text(),
            ObjectMetadata.IsDeleting(obj) ? "Terminating" : status.Field("phase").Text(),
            claimRef.IsPresent() ? claimRef.Field("namespace").Text() + "/" + claimRef.Field("name").Text() : "",
            ObjectMetadata.Annotation(obj, BetaStorageClassAnnotation) ?? spec.Field("storageClassName").Text(),
            spec.Field("volumeAttributesClassName").TextOrNull() ?? "<unset>",
            status.Field("reason").Text(),
            ObjectMetadata.Age(obj, now),
            spec.Field("volumeMode").TextOrNull() ?? "<unset>",
        ];
    }
}
