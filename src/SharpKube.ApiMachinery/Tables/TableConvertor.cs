using System.Text.Json;

namespace SharpKube.ApiMachinery.Tables;

/// <summary>
/// Turns objects of one kind into Table rows with upstream's columns (what <c>kubectl get</c> prints).
/// </summary>
public abstract class TableConvertor
{
    /// <summary>The columns, including the priority-1 (wide) ones, in order.</summary>
    public abstract IReadOnlyList<TableColumnDefinition> Columns { get; }

    /// <summary>
    /// The row's cells for one object, one per column: <see cref="string"/>, <see cref="long"/>,
    /// <see cref="int"/>, <see cref="double"/> or <see cref="bool"/> values, already formatted for display
    /// (ages are human durations such as <c>5m</c>, computed against <paramref name="now"/>).
    /// </summary>
    public abstract object?[] Cells(JsonElement obj, DateTimeOffset now);
}
