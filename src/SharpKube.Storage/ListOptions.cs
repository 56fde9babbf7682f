namespace SharpKube.Storage;

/// <summary>How to read a list of keys.</summary>
/// <param name="Revision">The revision to read at; 0 reads the newest.</param>
/// <param name="Limit">The most keys to return; 0 for no limit.</param>
/// <param name="ContinueAfter">Start after this key (the last key of the previous page); null starts at the prefix.</param>
public readonly record struct ListOptions(long Revision = 0, int Limit = 0, string? ContinueAfter = null);
