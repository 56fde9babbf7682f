using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Store;

/// <summary>
/// Computes the desired object from the current one (PUT ignores it except for preconditions; PATCH
/// applies the patch to it). Called again with a fresh copy when a concurrent write wins the race.
/// <paramref name="current"/> is null when the object does not exist.
/// </summary>
public delegate JsonObject ObjectTransform(JsonObject? current);
