namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>A field an apply would change that another manager owns.</summary>
/// <param name="Manager">The other manager's entry.</param>
/// <param name="Path">The field's path elements.</param>
public sealed record ApplyConflict(ManagedFieldsEntry Manager, IReadOnlyList<string> Path)
{
    /// <summary>The field as upstream prints it: <c>.spec.replicas</c>.</summary>
    public string Field => PathElement.Describe(Path);
}

/// <summary>An apply refused because it would change fields other managers own (409 Conflict).</summary>
public sealed class ApplyConflictException(IReadOnlyList<ApplyConflict> conflicts) : Exception(MessageOf(conflicts))
{
    /// <summary>The conflicting fields, grouped by manager.</summary>
    public IReadOnlyList<ApplyConflict> Conflicts { get; } = conflicts;

    private static string MessageOf(IReadOnlyList<ApplyConflict> conflicts)
    {
        if (conflicts.Count == 1)
        {
            return $"Apply failed with 1 conflict: conflict with {conflicts[0].Manager.Describe()}: {conflicts[0].Field}";
        }
        var lines = new List<string>();
        foreach (var group in conflicts.GroupBy(c => c.Manager.Describe()).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add($"conflicts with {group.Key}:");
            lines.AddRange(group.Select(c => "- " + c.Field));
        }
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
    }
}
