using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>
/// A set of field paths, stored as a tree whose edges are path elements in their FieldsV1 spelling
/// (<c>f:name</c>, <c>k:{"name":"app"}</c>, <c>v:"x"</c>, <c>i:0</c>; see <see cref="PathElement"/>). A node is a
/// member when the path leading to it is in the set; a node may also merely lead to members below it. This is the
/// shape of <c>metadata.managedFields[].fieldsV1</c>, where a member that also has children is marked <c>"."</c>.
/// </summary>
public sealed class FieldSet
{
    private Dictionary<string, FieldSet>? _children;

    /// <summary>Whether the path ending at this node is in the set.</summary>
    public bool IsMember { get; private set; }

    /// <summary>The nodes below this one, by path element.</summary>
    public IReadOnlyDictionary<string, FieldSet> Children =>
        (IReadOnlyDictionary<string, FieldSet>?)_children ?? EmptyChildren;

    private static readonly Dictionary<string, FieldSet> EmptyChildren = new(StringComparer.Ordinal);

    /// <summary>Whether the set holds no path at or below this node.</summary>
    public bool IsEmpty => !IsMember && (_children is null || _children.Values.All(c => c.IsEmpty));

    /// <summary>The node under path element <paramref name="element"/>, or null.</summary>
    public FieldSet? Find(string element) => _children?.GetValueOrDefault(element);

    /// <summary>The node under <paramref name="element"/>, created when missing.</summary>
    public FieldSet Descend(string element)
    {
        _children ??= new Dictionary<string, FieldSet>(StringComparer.Ordinal);
        if (!_children.TryGetValue(element, out var child))
        {
            child = new FieldSet();
            _children.Add(element, child);
        }
        return child;
    }

    /// <summary>Adds <paramref name="path"/> (a sequence of path elements) to the set.</summary>
    public void Insert(IEnumerable<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            node = node.Descend(element);
        }
        node.IsMember = true;
    }

    /// <summary>Marks this node itself as a member.</summary>
    public void MarkMember() => IsMember = true;

    /// <summary>Makes this node no longer a member itself (members below it stay).</summary>
    public void UnmarkMember() => IsMember = false;

    /// <summary>Whether <paramref name="path"/> is a member.</summary>
    public bool Contains(IEnumerable<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            node = node.Find(element);
            if (node is null)
            {
                return false;
            }
        }
        return node.IsMember;
    }

    /// <summary>A new set holding the paths of both sets.</summary>
    public FieldSet Union(FieldSet other)
    {
        var result = Clone();
        result.AddAll(other);
        return result;
    }

    /// <summary>A new set holding the paths of this set that <paramref name="other"/> does not hold.</summary>
    public FieldSet Difference(FieldSet other)
    {
        var result = new FieldSet { IsMember = IsMember && !other.IsMember };
        if (_children is not null)
        {
            foreach (var (element, child) in _children)
            {
                var otherChild = other.Find(element);
                var remaining = otherChild is null ? child.Clone() : child.Difference(otherChild);
                if (!remaining.IsEmpty)
                {
                    (result._children ??= new(StringComparer.Ordinal)).Add(element, remaining);
                }
            }
        }
        return result;
    }

    /// <summary>Whether some path is in both sets (what <see cref="Intersection"/> would find, without building it).</summary>
    public bool Overlaps(FieldSet other)
    {
        if (IsMember && other.IsMember)
        {
            return true;
        }
        if (_children is null || other._children is null)
        {
            return false;
        }
        foreach (var (element, child) in _children)
        {
            if (other._children.TryGetValue(element, out var otherChild) && child.Overlaps(otherChild))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether every path of this set is also in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(FieldSet other)
    {
        if (IsMember && !other.IsMember)
        {
            return false;
        }
        if (_children is null)
        {
            return true;
        }
        foreach (var (element, child) in _children)
        {
            if (other._children is not null && other._children.TryGetValue(element, out var otherChild))
            {
                if (!child.IsSubsetOf(otherChild))
                {
                    return false;
                }
            }
            else if (!child.IsEmpty)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A new set holding the paths both sets hold.</summary>
    public FieldSet Intersection(FieldSet other)
    {
        var result = new FieldSet { IsMember = IsMember && other.IsMember };
        if (_children is not null && other._children is not null)
        {
            foreach (var (element, child) in _children)
            {
                if (other.Find(element) is { } otherChild)
                {
                    var common = child.Intersection(otherChild);
                    if (!common.IsEmpty)
                    {
                        (result._children ??= new(StringComparer.Ordinal)).Add(element, common);
                    }
                }
            }
        }
        return result;
    }

    /// <summary>A new set without the paths at or below any member of <paramref name="prefixes"/>.</summary>
    public FieldSet WithoutSubtrees(FieldSet prefixes)
    {
        if (prefixes.IsMember)
        {
            return new FieldSet();
        }
        var result = new FieldSet { IsMember = IsMember };
        if (_children is not null)
        {
            foreach (var (element, child) in _children)
            {
                var prefixChild = prefixes.Find(element);
                var kept = prefixChild is null ? child.Clone() : child.WithoutSubtrees(prefixChild);
                if (!kept.IsEmpty)
                {
                    (result._children ??= new(StringComparer.Ordinal)).Add(element, kept);
                }
            }
        }
        return result;
    }

    /// <summary>A new set holding only the paths at or below a member of <paramref name="prefixes"/>.</summary>
    public FieldSet OnlySubtrees(FieldSet prefixes)
    {
        if (prefixes.IsMember)
        {
            return Clone();
        }
        var result = new FieldSet();
        if (_children is not null)
        {
            foreach (var (element, child) in _children)
            {
                if (prefixes.Find(element) is { } prefixChild)
                {
                    var kept = child.OnlySubtrees(prefixChild);
                    if (!kept.IsEmpty)
                    {
                        (result._children ??= new(StringComparer.Ordinal)).Add(element, kept);
                    }
                }
            }
        }
        return result;
    }

    /// <summary>The member paths, in FieldsV1 order (a node before its children).</summary>
    public IEnumerable<IReadOnlyList<string>> Paths()
    {
        var path = new List<string>();
        return Walk(this, path);

        static IEnumerable<IReadOnlyList<string>> Walk(FieldSet node, List<string> path)
        {
            if (node.IsMember && path.Count > 0)
            {
                yield return path.ToArray();
            }
            foreach (var element in node.OrderedElements())
            {
                path.Add(element);
                foreach (var member in Walk(node._children![element], path))
                {
                    yield return member;
                }
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    /// <summary>A deep copy.</summary>
    public FieldSet Clone()
    {
        var copy = new FieldSet { IsMember = IsMember };
        if (_children is not null)
        {
            copy._children = new Dictionary<string, FieldSet>(_children.Count, StringComparer.Ordinal);
            foreach (var (element, child) in _children)
            {
                copy._children.Add(element, child.Clone());
            }
        }
        return copy;
    }

    /// <summary>Reads a <c>fieldsV1</c> value; <see cref="FormatException"/> when it is not one.</summary>
    public static FieldSet FromFieldsV1(JsonNode? fieldsV1)
    {
        var set = new FieldSet();
        if (fieldsV1 is null)
        {
            return set;
        }
        Read(set, fieldsV1 as JsonObject ?? throw new FormatException("fieldsV1 must be a JSON object"));
        return set;

        static void Read(FieldSet node, JsonObject json)
        {
            foreach (var (key, value) in json)
            {
                if (key == ".")
                {
                    node.IsMember = true;
                    continue;
                }
                if (!PathElement.IsValid(key))
                {
                    throw new FormatException($"invalid path element \"{key}\" in fieldsV1");
                }
                var child = node.Descend(key);
                var childJson = value as JsonObject ?? throw new FormatException($"the value of \"{key}\" in fieldsV1 must be an object");
                if (childJson.Count == 0)
                {
                    child.IsMember = true;
                }
                else
                {
                    Read(child, childJson);
                }
            }
        }
    }

    /// <summary>Writes the set as a <c>fieldsV1</c> value.</summary>
    public JsonObject ToFieldsV1()
    {
        var json = new JsonObject();
        if (IsMember && Children.Values.Any(c => !c.IsEmpty))
        {
            json["."] = new JsonObject();
        }
        foreach (var element in OrderedElements())
        {
            var child = _children![element];
            if (!child.IsEmpty)
            {
                json[element] = child.ToFieldsV1();
            }
        }
        return json;
    }

    /// <summary>The number of member paths.</summary>
    public int Count => (IsMember ? 1 : 0) + (_children?.Values.Sum(c => c.Count) ?? 0);

    private void AddAll(FieldSet other)
    {
        IsMember |= other.IsMember;
        if (other._children is null)
        {
            return;
        }
        foreach (var (element, child) in other._children)
        {
            Descend(element).AddAll(child);
        }
    }

    private IEnumerable<string> OrderedElements() =>
        _children is null ? [] : _children.Count < 2 ? _children.Keys : _children.Keys.Order(PathElement.NewComparer());
}
