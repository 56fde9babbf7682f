namespace SharpKube.ApiServer.Store;

/// <summary>Query options of a write request.</summary>
/// <param name="DryRun">True for <c>dryRun=All</c>: everything runs except storing.</param>
/// <param name="FieldManager">The <c>fieldManager</c> given, if any.</param>
/// <param name="FieldValidation"><c>Strict</c>, <c>Warn</c> or <c>Ignore</c>.</param>
public sealed record WriteOptions(bool DryRun = false, string? FieldManager = null, string FieldValidation = "Ignore")
{
    /// <summary>No dry run, no field manager, no field validation.</summary>
    public static WriteOptions Default { get; } = new();
}
