using k8s;
using k8s.Models;

namespace SharpKube.Client.Resources;

/// <summary>
/// One event of a watch stream. ADDED, MODIFIED and DELETED carry the object; BOOKMARK carries an object whose
/// only meaningful field is <c>metadata.resourceVersion</c>; ERROR carries the server's <see cref="V1Status"/>
/// (410 when the requested resourceVersion is too old).
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Type">The event type.</param>
/// <param name="Object">The object, for every type but ERROR.</param>
/// <param name="Status">The status, for ERROR.</param>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, V1Status? Status);
