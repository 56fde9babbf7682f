namespace SharpKube.Client.Informers;

/// <summary>Which <see cref="ResourceEventHandler{T}"/> callback a notification goes to.</summary>
internal enum NotificationKind
{
    Add,
    Update,
    Delete,

    /// <summary>Not a change: marks that every notification of the informer's first list came before it.</summary>
    Synced,
}
