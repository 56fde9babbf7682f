using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>One entry of <c>metadata.managedFields</c>: the fields one manager owns through one kind of operation.</summary>
/// <param name="Manager">The field manager's name.</param>
/// <param name="Operation"><c>Apply</c> or <c>Update</c>.</param>
/// <param name="ApiVersion">The group/version the fields are spelled in.</param>
/// <param name="Time">When the manager last changed the object (RFC 3339), if known.</param>
/// <param name="Fields">The fields owned.</param>
/// <param name="Subresource">The subresource written through (<c>status</c>, <c>scale</c>), or null.</param>
public sealed record ManagedFieldsEntry(string Manager, string Operation, string? ApiVersion, string? Time, FieldSet Fields,
    string? Subresource)
{
    /// <summary>
    /// The <c>fieldsV1</c> JSON <see cref="Fields"/> was read from, kept so an entry whose fields did not change is
    /// written back by copying it instead of encoding the set again; it stands for <see cref="Fields"/> only while
    /// that is still the very set read (<see cref="SourceFields"/>).
    /// </summary>
    public JsonNode? SourceFieldsV1 { get; init; }

    /// <summary>The set read from <see cref="SourceFieldsV1"/>.</summary>
    public FieldSet? SourceFields { get; init; }

    /// <summary>The <c>Apply</c> operation.</summary>
    public const string Apply = "Apply";

    /// <summary>The <c>Update</c> operation.</summary>
    public const string Update = "Update";

    /// <summary>
    /// What tells entries apart: the manager, operation and subresource, and for updates the version — an applier
    /// keeps one entry whatever version it applies in.
    /// </summary>
    public string Identity => Operation == Apply
        ? $"{Manager}\n{Operation}\n\n{Subresource}"
        : $"{Manager}\n{Operation}\n{ApiVersion}\n{Subresource}";

    /// <summary>The manager as conflict messages name it: <c>"kubectl-edit" using apps/v1</c>.</summary>
    public string Describe()
    {
        var text = $"\"{Manager}\"";
        if (!string.IsNullOrEmpty(Subresource))
        {
            text += $" with subresource \"{Subresource}\"";
        }
        return Operation == Update ? $"{text} using {ApiVersion}" : text;
    }
}
