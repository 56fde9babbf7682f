using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints ValidatingWebhookConfigurations and MutatingWebhookConfigurations (identical tables): NAME,
/// WEBHOOKS (how many), AGE.
/// </summary>
public sealed class WebhookConfigurationTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Integer("Webhooks", "Webhooks indicates the number of webhooks registered in this configuration"),
        StandardColumns.Age,
    ];

    private WebhookConfigurationTableConvertor()
    {
    }

    /// <summary>The shared instance, for both webhook configuration kinds.</summary>
    public static WebhookConfigurationTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now) =>
        [ObjectMetadata.Name(obj), (long)obj.Field("webhooks").Count(), ObjectMetadata.Age(obj, now)];
}
