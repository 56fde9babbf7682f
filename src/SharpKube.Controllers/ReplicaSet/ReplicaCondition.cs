namespace SharpKube.Controllers.ReplicaSet;

/// <summary>A condition of a ReplicaSet or ReplicationController status (both kinds have the same fields).</summary>
/// <param name="Type">The condition type, e.g. <c>ReplicaFailure</c>.</param>
/// <param name="Status"><c>True</c>, <c>False</c> or <c>Unknown</c>.</param>
/// <param name="Reason">A one-word reason, e.g. <c>FailedCreate</c>.</param>
/// <param name="Message">A human-readable message.</param>
/// <param name="LastTransitionTime">When the status last changed.</param>
public sealed record ReplicaCondition(string Type, string Status, string? Reason, string? Message, DateTime? LastTransitionTime);
