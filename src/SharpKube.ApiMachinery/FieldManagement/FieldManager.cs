using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>
/// Server-side field ownership (<c>metadata.managedFields</c>). <see cref="RecordUpdate"/> credits a create,
/// update or patch to its manager; <see cref="Apply"/> merges an applied configuration, removes what its applier
/// dropped, and refuses to change fields other managers own unless forced.
/// </summary>
public static class FieldManager
{
    /// <summary>The applier whose conflicts with client-side apply are forgiven, and whose last-applied annotation is kept up to date.</summary>
    public const string KubectlApplier = "kubectl";

    /// <summary>The annotation client-side apply keeps.</summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>The manager that owns an object's fields when it is first applied without any managed fields.</summary>
    public const string BeforeFirstApply = "before-first-apply";

    /// <summary>The manager older update entries are merged into when more than <see cref="MaxUpdateManagers"/> exist.</summary>
    public const string AncientChanges = "ancient-changes";

    /// <summary>The most <c>Update</c> entries an object keeps.</summary>
    public const int MaxUpdateManagers = 10;

    /// <summary>
    /// Records in <paramref name="updated"/>'s managedFields what <paramref name="manager"/> changed relative to
    /// <paramref name="live"/> (null for a create). The base entries are those <paramref name="updated"/> carries
    /// when the client set them (unless written through a subresource), otherwise the live object's;
    /// <paramref name="resetRequested"/> (the client sent an empty list) starts from none.
    /// </summary>
    public static void RecordUpdate(JsonObject? live, JsonObject updated, string manager, FieldOwnershipScope scope,
        DateTimeOffset now, bool resetRequested = false)
    {
        var metadata = Metadata(updated);
        List<ManagedFieldsEntry> entries;
        if (resetRequested && scope.Subresource is null)
        {
            entries = [];
        }
        else
        {
            entries = scope.Subresource is null ? ManagedFieldsCodec.Read(metadata) : [];
            if (entries.Count == 0)
            {
                entries = ManagedFieldsCodec.Read(live is null ? null : Metadata(live));
            }
        }
        var comparison = scope.Filter(ObjectComparison.Compare(live, updated, scope.Schema));
        var changed = comparison.Added.Union(comparison.Modified);
        UnmarkStructs(changed, scope.Schema);
        var identity = new ManagedFieldsEntry(manager, ManagedFieldsEntry.Update, scope.ApiVersion, null, new FieldSet(), scope.Subresource).Identity;
        var result = new List<ManagedFieldsEntry>(entries.Count + 1);
        ManagedFieldsEntry? own = null;
        var ownKeepsItsFields = false;
        foreach (var entry in entries)
        {
            // Entries the change does not touch keep their very field set (and so are written back as read).
            var touched = entry.Fields.Overlaps(changed) || entry.Fields.Overlaps(comparison.Removed);
            if (entry.Identity == identity)
            {
                // The manager changing only fields it already owns (a renewed Lease, a repeated status write) keeps its set.
                ownKeepsItsFields = changed.IsSubsetOf(entry.Fields) && !entry.Fields.Overlaps(comparison.Removed);
                own = ownKeepsItsFields ? entry : entry with { Fields = entry.Fields.Difference(changed).Difference(comparison.Removed) };
            }
            else
            {
                result.Add(touched ? entry with { Fields = entry.Fields.Difference(changed).Difference(comparison.Removed) } : entry);
            }
        }
        if (!changed.IsEmpty)
        {
            own = ownKeepsItsFields
                ? own! with { Manager = manager, Time = FormatTime(now) }
                : new ManagedFieldsEntry(manager, ManagedFieldsEntry.Update, scope.ApiVersion, FormatTime(now),
                    own is null ? changed : own.Fields.Union(changed), scope.Subresource);
        }
        if (own is not null)
        {
            result.Add(own);
        }
        ManagedFieldsCodec.Write(metadata, CapUpdateManagers(result));
    }

    /// <summary>
    /// Applies <paramref name="config"/> for <paramref name="manager"/> to <paramref name="live"/> (null: the object
    /// does not exist yet) and returns the result with its managedFields. <see cref="ApplyConflictException"/> when
    /// the apply would change fields another manager owns and <paramref name="force"/> is false;
    /// <see cref="FieldManagementException"/> when the configuration's lists cannot be keyed.
    /// </summary>
    public static JsonObject Apply(JsonObject? live, JsonObject config, string manager, bool force, FieldOwnershipScope scope,
        DateTimeOffset now)
    {
        var entries = ManagedFieldsCodec.Read(live is null ? null : Metadata(live));
        if (live is not null && entries.Count == 0)
        {
            // Fields set before anything was applied belong to someone: conflicts with them are reported.
            var existing = scope.Filter(ObjectComparison.Compare(null, live, scope.Schema).Added);
            entries.Add(new ManagedFieldsEntry(BeforeFirstApply, ManagedFieldsEntry.Update, scope.ApiVersion, FormatTime(now), existing, scope.Subresource));
        }
        var configSet = scope.Filter(FieldSetBuilder.Of(config, scope.Schema));
        var applier = new ManagedFieldsEntry(manager, ManagedFieldsEntry.Apply, scope.ApiVersion, FormatTime(now), configSet, scope.Subresource);
        var previous = entries.FirstOrDefault(e => e.Identity == applier.Identity);
        var others = entries.Where(e => e.Identity != applier.Identity).ToList();
        var lastApplied = manager == KubectlApplier ? LastAppliedOf(config) : null;

        var merged = ApplyMerge.Merge((JsonObject?)live?.DeepClone(), (JsonObject)config.DeepClone(), scope.Schema);
        var othersOwn = others.Aggregate(new FieldSet(), (all, e) => all.Union(e.Fields));
        if (previous is not null)
        {
            ApplyPrune.Prune(merged, previous.Fields.Difference(configSet).Difference(othersOwn), configSet.Union(othersOwn), scope.Schema);
        }
        var rawComparison = ObjectComparison.Compare(live, merged, scope.Schema);
        var comparison = scope.Filter(rawComparison);
        var changed = comparison.Added.Union(comparison.Modified);
        var conflicts = others
            .SelectMany(e => e.Fields.Intersection(changed).Paths().Select(p => new ApplyConflict(e, p)))
            .OrderBy(c => c.Manager.Describe(), StringComparer.Ordinal)
            .ToList();
        if (conflicts.Count > 0 && !force && !ForgivenAsClientSideApply(live, manager, conflicts, scope))
        {
            throw new ApplyConflictException(conflicts);
        }
        var result = others.Select(e => e with { Fields = e.Fields.Difference(changed).Difference(comparison.Removed) }).ToList();
        var objectChanged = live is null || !rawComparison.IsSame;
        result.Add(objectChanged || previous?.Time is null ? applier : applier with { Time = previous.Time });
        if (lastApplied is not null && Annotations(merged)?.ContainsKey(LastAppliedAnnotation) == true)
        {
            Annotations(merged)![LastAppliedAnnotation] = lastApplied;
        }
        ManagedFieldsCodec.Write(Metadata(merged), CapUpdateManagers(result));
        return merged;
    }

    /// <summary>
    /// An upgrade from client-side apply: kubectl's applier may take over fields whose live values still match the
    /// last-applied annotation client-side apply wrote.
    /// </summary>
    private static bool ForgivenAsClientSideApply(JsonObject? live, string manager, List<ApplyConflict> conflicts, FieldOwnershipScope scope)
    {
        if (manager != KubectlApplier || live is null
            || Annotations(live)?[LastAppliedAnnotation] is not JsonValue annotation
            || !annotation.TryGetValue<string>(out var text) || text.Length == 0)
        {
            return false;
        }
        JsonObject lastApplied;
        try
        {
            lastApplied = JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
        FieldSet allowed;
        try
        {
            allowed = scope.Filter(FieldSetBuilder.Of(lastApplied, scope.Schema));
        }
        catch (FieldManagementException)
        {
            return false;
        }
        var drift = scope.Filter(ObjectComparison.Compare(lastApplied, live, scope.Schema));
        if (!drift.Modified.Intersection(allowed).IsEmpty || !drift.Removed.Intersection(allowed).IsEmpty)
        {
            return false;
        }
        return conflicts.All(c => allowed.Contains(c.Path));
    }

    /// <summary>The last-applied annotation kubectl's applier keeps: the configuration without it, keys sorted, with a newline.</summary>
    private static string LastAppliedOf(JsonObject config)
    {
        var copy = (JsonObject)config.DeepClone();
        if (Annotations(copy) is { } annotations)
        {
            annotations.Remove(LastAppliedAnnotation);
        }
        return SortedJson.Serialize(copy) + "\n";
    }

    /// <summary>
    /// Keeps at most <see cref="MaxUpdateManagers"/> update entries: the oldest are merged, oldest first, into one
    /// <see cref="AncientChanges"/> entry that takes the time of the newest entry merged into it.
    /// </summary>
    private static List<ManagedFieldsEntry> CapUpdateManagers(List<ManagedFieldsEntry> entries)
    {
        var updates = entries.Where(e => e.Operation == ManagedFieldsEntry.Update && !e.Fields.IsEmpty)
            .OrderBy(e => e.Time ?? "", StringComparer.Ordinal).ToList();
        if (updates.Count <= MaxUpdateManagers)
        {
            return entries;
        }
        var ancient = updates.FirstOrDefault(e => e.Manager == AncientChanges);
        var bucket = ancient;
        var merged = new List<ManagedFieldsEntry>();
        ManagedFieldsEntry? first = null;
        var length = updates.Count;
        foreach (var entry in updates)
        {
            if (length <= MaxUpdateManagers)
            {
                break;
            }
            if (first is null)
            {
                first = entry;
                continue;
            }
            if (ReferenceEquals(entry, ancient))
            {
                continue;
            }
            if (bucket is null)
            {
                merged.Add(first);
                bucket = first with { Manager = AncientChanges, Subresource = null };
            }
            bucket = bucket with { Fields = bucket.Fields.Union(entry.Fields), Time = entry.Time };
            merged.Add(entry);
            length--;
        }
        var kept = entries.Where(e => !merged.Contains(e) && !ReferenceEquals(e, ancient)).ToList();
        if (bucket is not null)
        {
            kept.Add(bucket);
        }
        return kept;
    }

    /// <summary>
    /// Struct fields are not themselves owned by an update that sets fields inside them: only maps, lists and list
    /// items that appear are (the struct-typed fields of the API types always exist).
    /// </summary>
    private static void UnmarkStructs(FieldSet set, Patching.Metadata.PatchSchema schema)
    {
        foreach (var (element, child) in set.Children)
        {
            var childSchema = element.StartsWith("f:", StringComparison.Ordinal) ? schema.Field(element[2..]) : schema.Items;
            if (element.StartsWith("f:", StringComparison.Ordinal) && childSchema.Kind == Patching.Metadata.PatchValueKind.Object
                && child.Children.Values.Any(c => !c.IsEmpty))
            {
                child.UnmarkMember();
            }
            UnmarkStructs(child, childSchema);
        }
    }

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }
        metadata = [];
        obj["metadata"] = metadata;
        return metadata;
    }

    private static JsonObject? Annotations(JsonObject obj) => (obj["metadata"] as JsonObject)?["annotations"] as JsonObject;

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
