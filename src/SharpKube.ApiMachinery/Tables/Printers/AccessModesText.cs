using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>Volume access modes in their short forms, in upstream's fixed order: <c>RWO,ROX,RWX,RWOP</c>.</summary>
internal static class AccessModesText
{
    private static readonly (string Mode, string Short)[] Known =
    [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ];

    /// <summary>Formats a JSON array of access modes; unknown modes are left out, duplicates shown once.</summary>
    public static string Format(JsonElement modes)
    {
        var present = modes.Items().Select(m => m.Text()).ToHashSet(StringComparer.Ordinal);
        return string.Join(",", Known.Where(k => present.Contains(k.Mode)).Select(k => k.Short));
    }
}
