namespace SharpKube.ApiServer.Store;

/// <summary>Query options of a write request.</summary>
/// <param name="DryRun">True for <c>dryRun=All</c>: everything runs except storing.</param>
/// <param name="FieldManager">The <c>fieldManager</c> given, if any.</param>
/// <param name="FieldValidation"><c>Strict</c>, <c>Warn</c> or <c>Ignore</c>.</param>
/// <param name="UserAgent">The client's User-Agent, which names the manager when no <c>fieldManager</c> is given.</param>
/// <param name="Force">The <c>force</c> of an apply: take over fields other managers own.</param>
public sealed record WriteOptions(bool DryRun = false, string? FieldManager = null, string FieldValidation = "Ignore",
    string? UserAgent = null, bool? Force = null)
{
    /// <summary>No dry run, no field manager, no field validation.</summary>
    public static WriteOptions Default { get; } = new();

    /// <summary>
    /// Whether the store credits the write to <see cref="Manager"/> in <c>metadata.managedFields</c>; false when
    /// the caller (server-side apply) has already worked out the managed fields.
    /// </summary>
    public bool RecordsManagedFields { get; init; } = true;

    /// <summary>The field manager the write is credited to: <c>fieldManager</c>, else the User-Agent up to its first <c>/</c>.</summary>
    public string? Manager => FieldManager ?? (string.IsNullOrEmpty(UserAgent) ? null : UserAgent.Split('/')[0]);
}
