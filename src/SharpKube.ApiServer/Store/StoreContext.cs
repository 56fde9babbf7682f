using System.Text.Json;

namespace SharpKube.ApiServer.Store;

/// <summary>What every resource store shares: the clock and how to look up namespaces.</summary>
/// <param name="Time">The clock for timestamps.</param>
/// <param name="FindNamespace">
/// Returns a namespace object's JSON by name, or null when it does not exist. Must see a namespace whose
/// creation was acknowledged (read-your-writes), even if the watch cache has not caught up yet.
/// </param>
public sealed record StoreContext(TimeProvider Time, Func<string, CancellationToken, ValueTask<JsonDocument?>> FindNamespace);
