using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints StorageClasses: NAME (with <c> (default)</c> for the default class), PROVISIONER,
/// RECLAIMPOLICY, VOLUMEBINDINGMODE, ALLOWVOLUMEEXPANSION, AGE.
/// </summary>
public sealed class StorageClassTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Provisioner", "provisioner indicates the type of the provisioner."),
        StandardColumns.Text("ReclaimPolicy", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete."),
        StandardColumns.Text("VolumeBindingMode", "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature."),
        StandardColumns.Text("AllowVolumeExpansion", "allowVolumeExpansion shows whether the storage class allow volume expand."),
        StandardColumns.Age,
    ];

    private StorageClassTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static StorageClassTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var isDefault = ObjectMetadata.Annotation(obj, "storageclass.kubernetes.io/is-default-class") == "true" ||
            ObjectMetadata.Annotation(obj, "storageclass.beta.kubernetes.io/is-default-class") == "true";
        return
        [
            isDefault ? ObjectMetadata.Name(obj) + " (default)" : ObjectMetadata.Name(obj),
            obj.Field("provisioner").Text(),
            obj.Field("reclaimPolicy").TextOrNull() ?? "Delete",
            obj.Field("volumeBindingMode").TextOrNull() ?? "Immediate",
            obj.Field("allowVolumeExpansion").Bool(),
            ObjectMetadata.Age(obj, now),
        ];
    }
}
