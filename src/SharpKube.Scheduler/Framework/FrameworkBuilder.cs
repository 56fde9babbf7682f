namespace SharpKube.Scheduler.Framework;

/// <summary>
/// Builds a profile's <see cref="SchedulingFramework"/>: creates each plugin once and places it at the extension
/// points it implements, as upstream expands <c>multiPoint</c>: at each point, the plugins explicitly enabled there
/// that also appear in multiPoint come first (in the point's order), then the rest of multiPoint (minus the point's
/// disabled ones), then the point's other explicit plugins.
/// </summary>
public static class FrameworkBuilder
{
    private static readonly ClusterEvent[] AnyEvent = [new(EventResource.WildCard, ActionType.All, "*")];

    /// <summary>Builds the framework of <paramref name="profile"/> from <paramref name="registry"/>'s plugins.</summary>
    /// <exception cref="InvalidOperationException">The profile names an unknown plugin, puts one where it does not fit, or lacks a queue sort or bind plugin.</exception>
    public static SchedulingFramework Build(SchedulerProfile profile, PluginRegistry registry, FrameworkHandle handle)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(registry);
        var instances = new Dictionary<string, IPlugin>(StringComparer.Ordinal);
        IPlugin Instance(string name)
        {
            if (!instances.TryGetValue(name, out var plugin))
            {
                if (!registry.TryGet(name, out var factory))
                {
                    throw new InvalidOperationException($"plugin \"{name}\" does not exist");
                }
                plugin = factory(new PluginContext(handle, profile.PluginArgs.GetValueOrDefault(name)));
                instances[name] = plugin;
            }
            return plugin;
        }

        T[] At<T>(ExtensionPoint point)
            where T : class, IPlugin
        {
            var names = Expand(profile, point, name => Instance(name) is T);
            return [.. names.Select(name => (T)Instance(name))];
        }

        var queueSort = At<IQueueSortPlugin>(ExtensionPoint.QueueSort);
        if (queueSort.Length != 1)
        {
            throw new InvalidOperationException($"one queue sort plugin required for profile with scheduler name \"{profile.SchedulerName}\"");
        }
        var bind = At<IBindPlugin>(ExtensionPoint.Bind);
        if (bind.Length == 0)
        {
            throw new InvalidOperationException($"at least one bind plugin is needed for profile with scheduler name \"{profile.SchedulerName}\"");
        }
        var score = At<IScorePlugin>(ExtensionPoint.Score);
        var sets = new PluginSets(
            At<IPreEnqueuePlugin>(ExtensionPoint.PreEnqueue), queueSort[0], At<IPreFilterPlugin>(ExtensionPoint.PreFilter),
            At<IFilterPlugin>(ExtensionPoint.Filter), At<IPostFilterPlugin>(ExtensionPoint.PostFilter), At<IPreScorePlugin>(ExtensionPoint.PreScore),
            score, [.. score.Select(p => Weight(profile, p.Name))], At<IReservePlugin>(ExtensionPoint.Reserve), At<IPermitPlugin>(ExtensionPoint.Permit),
            At<IPreBindPlugin>(ExtensionPoint.PreBind), bind, At<IPostBindPlugin>(ExtensionPoint.PostBind), null!);
        if (sets.Filter.Length > 64 || sets.Score.Length > 64)
        {
            throw new InvalidOperationException($"profile \"{profile.SchedulerName}\" enables more than 64 filter or score plugins");
        }
        var framework = new SchedulingFramework(profile, handle, sets with { EventsByPlugin = EventsByPlugin(sets) });
        handle.Framework = framework;
        return framework;
    }

    /// <summary>The plugin names enabled at <paramref name="point"/>, in order.</summary>
    internal static IReadOnlyList<string> Expand(SchedulerProfile profile, ExtensionPoint point, Func<string, bool> implements)
    {
        var specific = profile.ExtensionPoints.GetValueOrDefault(point) ?? PluginSet.Empty;
        var explicitNames = specific.Enabled.Select(p => p.Name).ToList();
        foreach (var name in explicitNames.Where(n => !implements(n)))
        {
            throw new InvalidOperationException($"plugin \"{name}\" does not extend {point} plugin");
        }
        var disabled = specific.Disabled.ToHashSet(StringComparer.Ordinal);
        var overrides = new List<string>();
        var fromMultiPoint = new List<string>();
        if (!disabled.Contains("*"))
        {
            foreach (var plugin in profile.MultiPoint.Enabled)
            {
                if (!implements(plugin.Name) || disabled.Contains(plugin.Name))
                {
                    continue;
                }
                if (explicitNames.Contains(plugin.Name))
                {
                    overrides.Add(plugin.Name);
                    continue;
                }
                if (fromMultiPoint.Contains(plugin.Name))
                {
                    throw new InvalidOperationException($"plugin \"{plugin.Name}\" already registered as \"{point}\"");
                }
                fromMultiPoint.Add(plugin.Name);
            }
        }
        var ordered = explicitNames.Where(overrides.Contains).Concat(fromMultiPoint).Concat(explicitNames.Where(n => !overrides.Contains(n))).ToList();
        if (ordered.Count != ordered.Distinct(StringComparer.Ordinal).Count())
        {
            throw new InvalidOperationException($"a plugin is enabled twice at {point} in profile \"{profile.SchedulerName}\"");
        }
        return ordered;
    }

    private static int Weight(SchedulerProfile profile, string plugin)
    {
        var specific = profile.ExtensionPoints.GetValueOrDefault(ExtensionPoint.Score)?.Enabled.FirstOrDefault(p => p.Name == plugin);
        var weight = specific is { Weight: > 0 } ? specific.Weight : profile.MultiPoint.Enabled.FirstOrDefault(p => p.Name == plugin)?.Weight ?? 0;
        return weight > 0 ? weight : 1;
    }

    /// <summary>
    /// The events each rejecting plugin (PreEnqueue, PreFilter, Filter, Reserve, Permit) registered; a plugin that
    /// registers none is retried on any event, as upstream does.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<ClusterEvent>> EventsByPlugin(PluginSets sets)
    {
        var plugins = sets.PreEnqueue.Cast<IPlugin>().Concat(sets.PreFilter).Concat(sets.Filter).Concat(sets.Reserve).Concat(sets.Permit);
        var events = new Dictionary<string, IReadOnlyList<ClusterEvent>>(StringComparer.Ordinal);
        foreach (var plugin in plugins)
        {
            events[plugin.Name] = plugin is IEnqueueExtensions extensions ? extensions.EventsToRegister() : AnyEvent;
        }
        return events;
    }
}
