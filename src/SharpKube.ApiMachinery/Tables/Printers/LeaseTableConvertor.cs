using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>Prints Leases: NAME, HOLDER (<c>spec.holderIdentity</c>), AGE.</summary>
public sealed class LeaseTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Holder", "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field."),
        StandardColumns.Age,
    ];

    private LeaseTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static LeaseTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now) =>
        [ObjectMetadata.Name(obj), obj.At("spec", "holderIdentity").Text(), ObjectMetadata.Age(obj, now)];
}
