using System.Text.Json;
using SharpKube.ApiMachinery.Tables;

namespace SharpKube.ApiMachinery.Tests.Tables;

/// <summary>Shared fixture pieces: a fixed clock, JSON parsing and compact column summaries.</summary>
internal static partial class TableFixture
{
    /// <summary>The fixed "now" every table test prints against.</summary>
    public static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Parses a JSON document into a detached element. A string such as <c>"@-5m"</c> (seconds, minutes,
    /// hours or days before <see cref="Now"/>) stands for that RFC 3339 timestamp.
    /// </summary>
    public static JsonElement Json(string json)
    {
        json = RelativeTime().Replace(json, m =>
        {
            var amount = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var unit = m.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(1),
                "m" => TimeSpan.FromMinutes(1),
                "h" => TimeSpan.FromHours(1),
                _ => TimeSpan.FromDays(1),
            };
            return "\"" + Ago(unit * amount) + "\"";
        });
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The RFC 3339 timestamp <paramref name="ago"/> before <see cref="Now"/>.</summary>
    public static string Ago(TimeSpan ago) => (Now - ago).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The cells of one object.</summary>
    public static object?[] Row(TableConvertor convertor, string json) => convertor.Cells(Json(json), Now);

    /// <summary>The cells of one object, keyed by column name.</summary>
    public static Dictionary<string, object?> Cells(TableConvertor convertor, string json)
    {
        var row = Row(convertor, json);
        Assert.Equal(convertor.Columns.Count, row.Length);
        return convertor.Columns.Select((c, i) => (c.Name, Value: row[i])).ToDictionary(p => p.Name, p => p.Value);
    }

    /// <summary>The named cells rendered with <see cref="object.ToString"/> and joined by <c>" | "</c>.</summary>
    public static string Pick(Dictionary<string, object?> cells, params string[] columns) =>
        string.Join(" | ", columns.Select(c => Convert.ToString(cells[c], System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Asserts a whole row.</summary>
    public static void AssertRow(TableConvertor convertor, string json, params object?[] expected) =>
        Assert.Equal(expected, Row(convertor, json));

    [System.Text.RegularExpressions.GeneratedRegex("\"@-([0-9]+)([smhd])\"")]
    private static partial System.Text.RegularExpressions.Regex RelativeTime();

    /// <summary>Column names joined by <c>|</c>, wide (priority 1) ones marked with <c>*</c>.</summary>
    public static string ColumnSummary(TableConvertor convertor) =>
        string.Join("|", convertor.Columns.Select(c => c.Priority == 0 ? c.Name : c.Name + "*"));
}
