using k8s.Models;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Cache;

/// <summary>
/// The nodes' names grouped by zone (region and zone labels), listed round-robin across zones, as upstream's
/// <c>nodeTree</c>: when only a percentage of nodes is looked at, the nodes looked at spread over the zones.
/// </summary>
internal sealed class NodeTree
{
    private readonly Dictionary<string, List<string>> _zones = new(StringComparer.Ordinal);
    private readonly List<string> _zoneOrder = [];
    private readonly Dictionary<string, string> _zoneOfNode = new(StringComparer.Ordinal);

    public int Count => _zoneOfNode.Count;

    public bool Contains(string name) => _zoneOfNode.ContainsKey(name);

    public void Add(V1Node node)
    {
        var name = node.Metadata?.Name ?? "";
        var zone = ZoneKey(node);
        if (_zoneOfNode.TryGetValue(name, out var current))
        {
            if (current == zone)
            {
                return;
            }
            Remove(name);
        }
        if (!_zones.TryGetValue(zone, out var names))
        {
            _zones[zone] = names = [];
            _zoneOrder.Add(zone);
        }
        names.Add(name);
        _zoneOfNode[name] = zone;
    }

    /// <summary>Whether <paramref name="node"/> would change zone (its labels moved it).</summary>
    public bool ZoneChanged(V1Node node) =>
        _zoneOfNode.TryGetValue(node.Metadata?.Name ?? "", out var zone) && zone != ZoneKey(node);

    public bool Remove(string name)
    {
        if (!_zoneOfNode.Remove(name, out var zone))
        {
            return false;
        }
        var names = _zones[zone];
        names.Remove(name);
        if (names.Count == 0)
        {
            _zones.Remove(zone);
            _zoneOrder.Remove(zone);
        }
        return true;
    }

    /// <summary>All names: the first node of each zone, then the second of each, and so on.</summary>
    public IEnumerable<string> List()
    {
        for (var round = 0; ; round++)
        {
            var any = false;
            foreach (var zone in _zoneOrder)
            {
                var names = _zones[zone];
                if (round < names.Count)
                {
                    any = true;
                    yield return names[round];
                }
            }
            if (!any)
            {
                yield break;
            }
        }
    }

    private static string ZoneKey(V1Node node)
    {
        var labels = node.Metadata?.Labels;
        if (labels is null)
        {
            return "";
        }
        var region = labels.TryGetValue("topology.kubernetes.io/region", out var r) ? r
            : labels.TryGetValue("failure-domain.beta.kubernetes.io/region", out r) ? r : "";
        var zone = labels.TryGetValue(NodeInfo.ZoneLabel, out var z) ? z
            : labels.TryGetValue("failure-domain.beta.kubernetes.io/zone", out z) ? z : "";
        return region.Length == 0 && zone.Length == 0 ? "" : region + ":\0:" + zone;
    }
}
