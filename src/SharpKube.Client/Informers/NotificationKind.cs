namespace SharpKube.Client.Informers;

/// <summary>Which <see cref="ResourceEventHandler{T}"/> callback a notification goes to.</summary>
internal enum NotificationKind
{
    Add,
    Update,
    Delete,
}
