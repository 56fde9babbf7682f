namespace SharpKube.Scheduler.Framework;

/// <summary>
/// One profile's plugins and the runner of its extension points (upstream's <c>frameworkImpl</c>). Every Run method
/// attributes a failure to its plugin, turns a plugin's exception into an Error status, and allocates nothing on the
/// success path; Filter and Score run per node and may be called from several threads at once.
/// </summary>
public sealed partial class SchedulingFramework
{
    /// <summary>Permit may hold a pod at most this long (upstream: 15 minutes).</summary>
    public static readonly TimeSpan MaxPermitTimeout = TimeSpan.FromMinutes(15);

    private readonly PluginSets _plugins;

    internal SchedulingFramework(SchedulerProfile profile, FrameworkHandle handle, PluginSets plugins)
    {
        Profile = profile;
        Handle = handle;
        _plugins = plugins;
    }

    /// <summary>The profile.</summary>
    public SchedulerProfile Profile { get; }

    /// <summary>The profile's scheduler name.</summary>
    public string ProfileName => Profile.SchedulerName;

    /// <summary>What the plugins were built with.</summary>
    public FrameworkHandle Handle { get; }

    /// <summary>The queue sort plugin.</summary>
    public IQueueSortPlugin QueueSort => _plugins.QueueSort;

    /// <summary>The enabled plugins' names per extension point, in order (for logs and tests).</summary>
    public IReadOnlyDictionary<ExtensionPoint, IReadOnlyList<string>> EnabledPlugins => new Dictionary<ExtensionPoint, IReadOnlyList<string>>
    {
        [ExtensionPoint.PreEnqueue] = Names(_plugins.PreEnqueue),
        [ExtensionPoint.QueueSort] = [_plugins.QueueSort.Name],
        [ExtensionPoint.PreFilter] = Names(_plugins.PreFilter),
        [ExtensionPoint.Filter] = Names(_plugins.Filter),
        [ExtensionPoint.PostFilter] = Names(_plugins.PostFilter),
        [ExtensionPoint.PreScore] = Names(_plugins.PreScore),
        [ExtensionPoint.Score] = Names(_plugins.Score),
        [ExtensionPoint.Reserve] = Names(_plugins.Reserve),
        [ExtensionPoint.Permit] = Names(_plugins.Permit),
        [ExtensionPoint.PreBind] = Names(_plugins.PreBind),
        [ExtensionPoint.Bind] = Names(_plugins.Bind),
        [ExtensionPoint.PostBind] = Names(_plugins.PostBind),
    };

    /// <summary>The score weight of each score plugin, by name.</summary>
    public IReadOnlyDictionary<string, int> ScoreWeights =>
        _plugins.Score.Select((p, i) => (p.Name, Weight: _plugins.ScoreWeights[i])).ToDictionary(p => p.Name, p => p.Weight);

    /// <summary>The cluster events each plugin that can reject a pod registered.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ClusterEvent>> EventsByPlugin => _plugins.EventsByPlugin;

    /// <summary>Whether any Filter plugin is enabled.</summary>
    public bool HasFilterPlugins => _plugins.Filter.Length > 0;

    /// <summary>Whether any Score plugin is enabled.</summary>
    public bool HasScorePlugins => _plugins.Score.Length > 0;

    /// <summary>Whether any PostFilter plugin is enabled.</summary>
    public bool HasPostFilterPlugins => _plugins.PostFilter.Length > 0;

    /// <summary>PreEnqueue: the first plugin that does not let the pod in decides.</summary>
    public Status RunPreEnqueuePlugins(PodInfo pod)
    {
        foreach (var plugin in _plugins.PreEnqueue)
        {
            var status = Guard(plugin, () => plugin.PreEnqueue(pod));
            if (!status.IsSuccess)
            {
                return status.IsRejected ? status.WithPlugin(plugin.Name) : Wrap(status, "PreEnqueue", plugin);
            }
        }
        return Status.Success;
    }

    /// <summary>
    /// PreFilter: every plugin runs (an Unschedulable one does not stop the others, so preemption sees all of them;
    /// an UnschedulableAndUnresolvable one does). Skips are recorded in <paramref name="state"/>.
    /// </summary>
    public PreFilterOutcome RunPreFilterPlugins(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        PreFilterResult? result = null;
        List<string>? pluginsWithNodes = null;
        Status? rejection = null;
        ulong skip = 0;
        foreach (var plugin in _plugins.PreFilter)
        {
            PreFilterResult? pluginResult = null;
            var status = Guard(plugin, () => plugin.PreFilter(state, pod, nodes, out pluginResult));
            if (status.IsSkip)
            {
                skip |= FilterBit(plugin);
                continue;
            }
            if (!status.IsSuccess)
            {
                switch (status.Code)
                {
                    case StatusCode.UnschedulableAndUnresolvable:
                        return new PreFilterOutcome(status.WithPlugin(plugin.Name), null, []);
                    case StatusCode.Unschedulable:
                        rejection ??= status.WithPlugin(plugin.Name);
                        continue;
                    default:
                        return new PreFilterOutcome(Wrap(status, "PreFilter", plugin), null, []);
                }
            }
            if (pluginResult is null)
            {
                continue;
            }
            (pluginsWithNodes ??= []).Add(plugin.Name);
            result = PreFilterResult.Merge(result, pluginResult);
            if (result!.NodeNames.Count == 0)
            {
                var message = pluginsWithNodes.Count == 1
                    ? $"node(s) didn't satisfy plugin {pluginsWithNodes[0]}"
                    : $"node(s) didn't satisfy plugin(s) [{string.Join(" ", pluginsWithNodes)}] simultaneously";
                return new PreFilterOutcome(Status.Unresolvable(null, message), result, pluginsWithNodes);
            }
        }
        state.SkipFilterPlugins = skip;
        return new PreFilterOutcome(rejection ?? Status.Success, result, (IReadOnlyList<string>?)pluginsWithNodes ?? []);
    }

    /// <summary>
    /// Tells every PreFilter plugin with <see cref="IPreFilterExtensions"/> (and not skipped this cycle) that
    /// <paramref name="podToAdd"/> is to be counted on <paramref name="node"/>; <paramref name="state"/> should be a clone.
    /// </summary>
    public Status RunPreFilterExtensionAddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) =>
        RunPreFilterExtensions(state, (extensions, s) => extensions.AddPod(s, podToSchedule, podToAdd, node), "AddPod");

    /// <summary>
    /// Tells every PreFilter plugin with <see cref="IPreFilterExtensions"/> (and not skipped this cycle) that
    /// <paramref name="podToRemove"/> is to be left out of <paramref name="node"/>; <paramref name="state"/> should be a clone.
    /// </summary>
    public Status RunPreFilterExtensionRemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) =>
        RunPreFilterExtensions(state, (extensions, s) => extensions.RemovePod(s, podToSchedule, podToRemove, node), "RemovePod");

    /// <summary>Filter on one node: the first plugin that does not pass it decides. Thread-safe.</summary>
    public Status RunFilterPlugins(CycleState state, PodInfo pod, NodeInfo node)
    {
        var filters = _plugins.Filter;
        var skip = state.SkipFilterPlugins;
        for (var i = 0; i < filters.Length; i++)
        {
            if ((skip & (1UL << i)) != 0)
            {
                continue;
            }
            var plugin = filters[i];
            Status status;
            try
            {
                status = plugin.Filter(state, pod, node);
            }
            catch (Exception e)
            {
                status = Status.FromError(e);
            }
            if (!status.IsSuccess)
            {
                return status.IsRejected ? status.WithPlugin(plugin.Name) : Wrap(status, "filter", plugin, pluginFirst: true);
            }
        }
        return Status.Success;
    }

    /// <summary>
    /// PostFilter, when no node fits: the first plugin that succeeds (or finds the pod unresolvable) decides;
    /// otherwise the rejections' reasons are combined under the first plugin's name.
    /// </summary>
    public Status RunPostFilterPlugins(CycleState state, PodInfo pod, IReadOnlyDictionary<string, Status> nodeStatuses, out string? nominatedNodeName)
    {
        nominatedNodeName = null;
        var reasons = new List<string>();
        string? rejector = null;
        foreach (var plugin in _plugins.PostFilter)
        {
            string? nominated = null;
            var status = Guard(plugin, () => plugin.PostFilter(state, pod, nodeStatuses, out nominated));
            if (status.IsSuccess)
            {
                nominatedNodeName = nominated;
                return status;
            }
            if (status.Code == StatusCode.UnschedulableAndUnresolvable)
            {
                return status.WithPlugin(plugin.Name);
            }
            if (!status.IsRejected)
            {
                return Wrap(status, "PostFilter", plugin);
            }
            reasons.AddRange(status.Reasons);
            rejector ??= plugin.Name;
        }
        return Status.Of(StatusCode.Unschedulable, rejector, [.. reasons]);
    }

    /// <summary>PreScore over the feasible nodes; skips are recorded in <paramref name="state"/>.</summary>
    public Status RunPreScorePlugins(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ulong skip = 0;
        foreach (var plugin in _plugins.PreScore)
        {
            var status = Guard(plugin, () => plugin.PreScore(state, pod, nodes));
            if (status.IsSkip)
            {
                skip |= ScoreBit(plugin);
                continue;
            }
            if (!status.IsSuccess)
            {
                return Wrap(status, "PreScore", plugin);
            }
        }
        state.SkipScorePlugins = skip;
        return Status.Success;
    }

    private static IReadOnlyList<string> Names(IEnumerable<IPlugin> plugins) => [.. plugins.Select(p => p.Name)];

    private ulong FilterBit(IPlugin plugin)
    {
        var index = Array.IndexOf(_plugins.Filter, plugin as IFilterPlugin);
        return index < 0 ? 0 : 1UL << index;
    }

    private ulong ScoreBit(IPlugin plugin)
    {
        var index = Array.IndexOf(_plugins.Score, plugin as IScorePlugin);
        return index < 0 ? 0 : 1UL << index;
    }

    private static Status Guard(IPlugin plugin, Func<Status> run)
    {
        try
        {
            return run() ?? Status.Success;
        }
        catch (Exception e)
        {
            return Status.FromError(e, plugin.Name);
        }
    }

    /// <summary>An error status of <paramref name="plugin"/> at <paramref name="point"/>, with upstream's wording.</summary>
    private static Status Wrap(Status status, string point, IPlugin plugin, bool pluginFirst = false)
    {
        var message = pluginFirst ? $"running \"{plugin.Name}\" {point} plugin: {status.Message}" : $"running {point} plugin \"{plugin.Name}\": {status.Message}";
        return Status.FromError(new InvalidOperationException(message, status.Error), plugin.Name);
    }

    private Status RunPreFilterExtensions(CycleState state, Func<IPreFilterExtensions, CycleState, Status> run, string point)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var plugin in _plugins.PreFilter)
        {
            if (plugin is not IPreFilterExtensions extensions || (state.SkipFilterPlugins & FilterBit(plugin)) != 0)
            {
                continue;
            }
            var status = Guard(plugin, () => run(extensions, state));
            if (!status.IsSuccess)
            {
                return Wrap(status, "PreFilterExtension" + point, plugin);
            }
        }
        return Status.Success;
    }
}
