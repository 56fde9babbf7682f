using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Metadata;

/// <summary>What an update may not change in metadata and is silently restored from the stored object.</summary>
public static class ObjectMetaUpdate
{
    /// <summary>
    /// Copies from the stored object what upstream restores before validating an update: the uid when the new
    /// object has none, creationTimestamp always, and deletionTimestamp / deletionGracePeriodSeconds once set.
    /// </summary>
    public static void CarryOverSystemFields(JsonObject obj, JsonObject old)
    {
        var oldMeta = old.GetObject("metadata");
        if (oldMeta is null)
        {
            return;
        }
        var meta = obj.EnsureObject("metadata");
        if (meta.GetStringOrEmpty("uid").Length == 0 && oldMeta["uid"] is { } uid)
        {
            meta["uid"] = uid.DeepClone();
        }
        foreach (var key in (string[])["creationTimestamp", "deletionTimestamp"])
        {
            if (oldMeta[key] is { } value)
            {
                meta[key] = value.DeepClone();
            }
        }
        if (oldMeta["deletionGracePeriodSeconds"] is { } grace && !meta.Has("deletionGracePeriodSeconds"))
        {
            meta["deletionGracePeriodSeconds"] = grace.DeepClone();
        }
    }
}
