using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Store;

/// <summary>What a delete did.</summary>
/// <param name="Object">The object: its final state if removed, its marked state if deletion is pending.</param>
/// <param name="Removed">True when the object is gone; false when it waits for finalizers or a grace period.</param>
public sealed record DeleteOutcome(JsonObject Object, bool Removed);
