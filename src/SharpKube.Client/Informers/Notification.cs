namespace SharpKube.Client.Informers;

/// <summary>One change to hand to a handler: the object, and for updates the one it replaced.</summary>
internal readonly record struct Notification<T>(NotificationKind Kind, T? OldObject, T Object);
