using SharpKube.Client.Resources;

namespace SharpKube.Controllers.GarbageCollector;

/// <summary>One change for the dependency graph: an object (informer events) or an identity (virtual deletes).</summary>
/// <param name="Type">What happened.</param>
/// <param name="Object">The object, for <see cref="GraphChangeType.Upsert"/> and <see cref="GraphChangeType.Delete"/>.</param>
/// <param name="Identity">The identity, for <see cref="GraphChangeType.VirtualDelete"/>.</param>
public sealed record GraphChange(GraphChangeType Type, PartialObjectMetadata? Object, ObjectIdentity? Identity);
