namespace SharpKube.ApiMachinery.Tables;

/// <summary>A <c>meta.k8s.io/v1</c> Table column definition.</summary>
/// <param name="Name">Header shown by kubectl, e.g. <c>Name</c>, <c>Ready</c>.</param>
/// <param name="Type">OpenAPI type: string, integer, number, boolean or date.</param>
/// <param name="Format">Format hint; <c>name</c> marks the name column.</param>
/// <param name="Description">Column description.</param>
/// <param name="Priority">0 always shown; 1 and above only with <c>-o wide</c>.</param>
public sealed record TableColumnDefinition(string Name, string Type, string Format, string Description, int Priority = 0);
