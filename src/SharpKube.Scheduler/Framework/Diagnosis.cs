namespace SharpKube.Scheduler.Framework;

/// <summary>
/// Why a pod fits no node (upstream's <c>framework.Diagnosis</c>): each rejected node's status, the status of nodes a
/// PreFilter result ruled out, the plugins that rejected the pod (which decide the events that retry it), and the
/// PreFilter and PostFilter messages of the summary.
/// </summary>
public sealed class Diagnosis
{
    private readonly HashSet<string> _unschedulablePlugins = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingPlugins = new(StringComparer.Ordinal);

    /// <summary>The status of each node a Filter plugin rejected, by node name.</summary>
    public Dictionary<string, Status> NodeStatuses { get; } = new(StringComparer.Ordinal);

    /// <summary>The status of the nodes that are not in <see cref="NodeStatuses"/> (ruled out before Filter), if any.</summary>
    public Status? AbsentNodesStatus { get; set; }

    /// <summary>The plugins that rejected the pod.</summary>
    public IReadOnlySet<string> UnschedulablePlugins => _unschedulablePlugins;

    /// <summary>The plugins that returned Pending.</summary>
    public IReadOnlySet<string> PendingPlugins => _pendingPlugins;

    /// <summary>The message of a PreFilter rejection ("" when PreFilter passed).</summary>
    public string PreFilterMessage { get; set; } = "";

    /// <summary>The message of the PostFilter plugins ("" when none ran).</summary>
    public string PostFilterMessage { get; set; } = "";

    /// <summary>Notes plugins that rejected the pod by narrowing the nodes in PreFilter.</summary>
    public void AddPluginNames(IEnumerable<string> plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        _unschedulablePlugins.UnionWith(plugins);
    }

    /// <summary>Notes the plugin of a rejecting (or pending) <paramref name="status"/>.</summary>
    public void AddPluginStatus(Status status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Plugin is not { } plugin)
        {
            return;
        }
        if (status.IsRejected)
        {
            _unschedulablePlugins.Add(plugin);
        }
        if (status.Code == StatusCode.Pending)
        {
            _pendingPlugins.Add(plugin);
        }
    }
}
