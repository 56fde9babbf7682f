using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.Patching.Strategic;

/// <summary>
/// Orders a merged list as upstream does: items named by the patch (or by <c>$setElementOrder</c>) come in that
/// order; items only the server had keep their original relative order and are slotted back in front of the first
/// patched item that followed them originally; new items without an original position come where the order puts
/// them, so without <c>$setElementOrder</c> additions land ahead of the untouched items.
/// </summary>
internal static class ListOrdering
{
    /// <summary>Returns <paramref name="items"/> (detached nodes) as a new list in merged order.</summary>
    /// <param name="items">The merged items.</param>
    /// <param name="identityOf">The identity of an item: its merge key value, or the scalar itself.</param>
    /// <param name="originalIdentities">Identities of the list before the patch, in order.</param>
    /// <param name="patchedIdentities">Identities the patch merged, in patch order.</param>
    /// <param name="desired">The wanted order: <c>$setElementOrder</c>, or else the patched identities.</param>
    public static JsonArray Order(
        List<JsonNode?> items,
        Func<JsonNode?, JsonNode?> identityOf,
        List<JsonNode?> originalIdentities,
        List<JsonNode?> patchedIdentities,
        List<JsonNode?> desired)
    {
        if (!ReferenceEquals(desired, patchedIdentities))
        {
            foreach (var patched in patchedIdentities.Where(p => IndexOf(desired, p) < 0))
            {
                throw StrategicMergePatch.Invalid(
                    $"the list item {patched?.ToJsonString() ?? "null"} is missing from its {PatchDirectives.SetElementOrderPrefix} list");
            }
        }
        var ordered = new List<(JsonNode? Item, int Original)>();
        var rest = new List<(JsonNode? Item, int Original)>();
        var desiredIndex = new Dictionary<JsonNode, int>(ReferenceEqualityComparer.Instance);
        foreach (var item in items)
        {
            var identity = identityOf(item);
            var original = IndexOf(originalIdentities, identity);
            var position = IndexOf(desired, identity);
            if (position >= 0 && item is not null)
            {
                desiredIndex[item] = position;
                ordered.Add((item, original));
            }
            else
            {
                rest.Add((item, original));
            }
        }
        ordered.Sort((a, b) => desiredIndex[a.Item!].CompareTo(desiredIndex[b.Item!]));
        var result = new JsonArray();
        var next = 0;
        foreach (var (item, original) in ordered)
        {
            while (original >= 0 && next < rest.Count && rest[next].Original < original)
            {
                result.Add(rest[next++].Item);
            }
            result.Add(item);
        }
        while (next < rest.Count)
        {
            result.Add(rest[next++].Item);
        }
        return result;
    }

    private static int IndexOf(List<JsonNode?> identities, JsonNode? identity) =>
        identities.FindIndex(candidate => JsonNode.DeepEquals(candidate, identity));
}
