namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>An applied configuration that cannot be read as field ownership: a duplicate or unkeyed list item.</summary>
public sealed class FieldManagementException(string message) : Exception(message);
