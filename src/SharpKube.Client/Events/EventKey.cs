namespace SharpKube.Client.Events;

/// <summary>What makes two events the same event: the object, the type, the reason and the message.</summary>
internal readonly record struct EventKey(string Kind, string Namespace, string Name, string Uid, string ApiVersion, string FieldPath,
    string Type, string Reason, string Message)
{
    public static EventKey Of(PendingEvent pending)
    {
        var o = pending.InvolvedObject;
        return new EventKey(o.Kind ?? "", o.NamespaceProperty ?? "", o.Name ?? "", o.Uid ?? "", o.ApiVersion ?? "", o.FieldPath ?? "",
            pending.Type, pending.Reason, pending.Message);
    }

    /// <summary>The key shared by similar events: the same object, type and reason, whatever the field path and message.</summary>
    public EventKey Similar() => this with { FieldPath = "", Message = "" };
}
