using System.Text.Json.Nodes;
using k8s;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Configuration;

/// <summary>
/// Reads a configuration's <c>profiles</c>: each profile's plugins merged with upstream's defaults as its v1
/// defaulting does, its <c>pluginConfig</c>, and validation — names known to the registry, weights in range,
/// distinct scheduler names — ending with building each profile's framework once, which checks what only the
/// plugins know (a plugin enabled where it does not extend, arguments it rejects).
/// </summary>
internal static class ProfileReader
{
    /// <summary>The largest score weight a plugin may have.</summary>
    public const int MaxWeight = 100;

    private static readonly Dictionary<string, ExtensionPoint?> PointsByField = new(StringComparer.Ordinal)
    {
        ["multiPoint"] = null,
        ["preEnqueue"] = ExtensionPoint.PreEnqueue,
        ["queueSort"] = ExtensionPoint.QueueSort,
        ["preFilter"] = ExtensionPoint.PreFilter,
        ["filter"] = ExtensionPoint.Filter,
        ["postFilter"] = ExtensionPoint.PostFilter,
        ["preScore"] = ExtensionPoint.PreScore,
        ["score"] = ExtensionPoint.Score,
        ["reserve"] = ExtensionPoint.Reserve,
        ["permit"] = ExtensionPoint.Permit,
        ["preBind"] = ExtensionPoint.PreBind,
        ["bind"] = ExtensionPoint.Bind,
        ["postBind"] = ExtensionPoint.PostBind,
    };

    /// <summary>The profiles of <paramref name="configuration"/>; upstream's default profile when it has none.</summary>
    public static IReadOnlyList<SchedulerProfile> ReadProfiles(JsonObject configuration, ConfigReader reader, PluginRegistry registry)
    {
        var array = reader.Array(configuration, "profiles", "");
        if (array is null || array.Count == 0)
        {
            return [DefaultProfile.Create(registry)];
        }
        var profiles = new List<SchedulerProfile>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? queueSort = null;
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"profiles[{i}]";
            if (array[i] is not JsonObject obj)
            {
                reader.Errors.Add($"{path}: Invalid value: must be an object");
                continue;
            }
            var errorsBefore = reader.Errors.Count;
            // As upstream, a lone profile without a name is the default scheduler's.
            var name = reader.String(obj, "schedulerName", path) ?? (array.Count == 1 ? DefaultProfile.SchedulerName : "");
            if (name.Length == 0)
            {
                reader.Errors.Add($"{path}.schedulerName: Required value");
            }
            else if (!names.Add(name))
            {
                reader.Errors.Add($"{path}.schedulerName: Duplicate value: \"{name}\"");
            }
            var profile = ReadProfile(obj, path, name, reader, registry);
            profiles.Add(profile);
            if (reader.Errors.Count == errorsBefore && CheckBuilds(profile, path, reader, registry) is { } sort)
            {
                // One queue orders every profile's pods, so they must agree on how (as upstream requires).
                queueSort ??= sort;
                if (sort != queueSort)
                {
                    reader.Errors.Add($"{path}.plugins.queueSort: Invalid value: \"{sort}\": queueSort must be the same for all profiles");
                }
            }
        }
        return profiles;
    }

    private static SchedulerProfile ReadProfile(JsonObject obj, string path, string name, ConfigReader reader, PluginRegistry registry)
    {
        reader.OnlyFields(obj, path, "schedulerName", "percentageOfNodesToScore", "plugins", "pluginConfig");
        var percentage = reader.Int(obj, "percentageOfNodesToScore", path);
        if (percentage is < 0 or > 100)
        {
            reader.Errors.Add($"{path}.percentageOfNodesToScore: Invalid value: {percentage}: not in valid range [0-100]");
        }
        var defaults = new PluginSet { Enabled = [.. DefaultProfile.UpstreamPlugins.Where(p => registry.Contains(p.Name))] };
        var multiPoint = defaults;
        var points = new Dictionary<ExtensionPoint, PluginSet>();
        if (reader.Object(obj, "plugins", path) is { } plugins)
        {
            var pluginsPath = path + ".plugins";
            reader.OnlyFields(plugins, pluginsPath, [.. PointsByField.Keys]);
            foreach (var (field, point) in PointsByField)
            {
                if (reader.Object(plugins, field, pluginsPath) is not { } setObject)
                {
                    continue;
                }
                var set = ReadPluginSet(setObject, ConfigReader.Path(pluginsPath, field), reader, registry);
                if (point is { } extensionPoint)
                {
                    points[extensionPoint] = set;
                }
                else
                {
                    multiPoint = Merge(defaults, set);
                }
            }
        }
        return new SchedulerProfile
        {
            SchedulerName = name,
            PercentageOfNodesToScore = percentage,
            MultiPoint = multiPoint,
            ExtensionPoints = points,
            PluginArgs = ReadPluginConfig(obj, path, reader, registry),
        };
    }

    private static PluginSet ReadPluginSet(JsonObject obj, string path, ConfigReader reader, PluginRegistry registry)
    {
        reader.OnlyFields(obj, path, "enabled", "disabled");
        var enabled = new List<PluginRef>();
        var enabledArray = reader.Array(obj, "enabled", path) ?? [];
        for (var i = 0; i < enabledArray.Count; i++)
        {
            var itemPath = $"{path}.enabled[{i}]";
            if (PluginName(enabledArray[i], itemPath, reader, "name", "weight") is not { } item)
            {
                continue;
            }
            var (entry, pluginName) = item;
            if (!registry.Contains(pluginName))
            {
                reader.Errors.Add($"{itemPath}.name: Invalid value: \"{pluginName}\": plugin \"{pluginName}\" does not exist");
            }
            var weight = reader.Int(entry, "weight", itemPath) ?? 0;
            if (weight is < 0 or > MaxWeight)
            {
                reader.Errors.Add($"{itemPath}.weight: Invalid value: {weight}: must be in the range [0, {MaxWeight}]");
            }
            enabled.Add(new PluginRef(pluginName, weight));
        }
        var disabled = new List<string>();
        var disabledArray = reader.Array(obj, "disabled", path) ?? [];
        for (var i = 0; i < disabledArray.Count; i++)
        {
            if (PluginName(disabledArray[i], $"{path}.disabled[{i}]", reader, "name") is { } item)
            {
                disabled.Add(item.Name);
            }
        }
        return new PluginSet { Enabled = enabled, Disabled = disabled };
    }

    private static (JsonObject Entry, string Name)? PluginName(JsonNode? node, string path, ConfigReader reader, params string[] fields)
    {
        if (node is not JsonObject entry)
        {
            reader.Errors.Add($"{path}: Invalid value: must be an object");
            return null;
        }
        reader.OnlyFields(entry, path, fields);
        var name = reader.String(entry, "name", path);
        if (string.IsNullOrEmpty(name))
        {
            reader.Errors.Add($"{path}.name: Required value");
            return null;
        }
        return (entry, name);
    }

    /// <summary>
    /// Upstream's v1 merge of the default multiPoint list with the file's: defaults first minus the disabled ones (all
    /// of them for <c>*</c>), a default the file enables again taking the file's entry in the default's place, then
    /// the file's other plugins in its order.
    /// </summary>
    private static PluginSet Merge(PluginSet defaults, PluginSet custom)
    {
        var disabled = custom.Disabled.ToHashSet(StringComparer.Ordinal);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        var enabled = new List<PluginRef>();
        if (!disabled.Contains("*"))
        {
            foreach (var plugin in defaults.Enabled.Where(p => !disabled.Contains(p.Name)))
            {
                var again = custom.Enabled.FirstOrDefault(p => p.Name == plugin.Name);
                if (again is not null)
                {
                    replaced.Add(again.Name);
                }
                enabled.Add(again ?? plugin);
            }
        }
        enabled.AddRange(custom.Enabled.Where(p => !replaced.Contains(p.Name)));
        return new PluginSet { Enabled = enabled, Disabled = custom.Disabled };
    }

    private static Dictionary<string, JsonObject> ReadPluginConfig(JsonObject obj, string path, ConfigReader reader, PluginRegistry registry)
    {
        var args = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var array = reader.Array(obj, "pluginConfig", path) ?? [];
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}.pluginConfig[{i}]";
            if (PluginName(array[i], itemPath, reader, "name", "args") is not { } item)
            {
                continue;
            }
            var (entry, name) = item;
            if (!registry.Contains(name))
            {
                reader.Errors.Add($"{itemPath}.name: Invalid value: \"{name}\": plugin \"{name}\" does not exist");
            }
            if (args.ContainsKey(name))
            {
                reader.Errors.Add($"{itemPath}: Duplicate value: \"{name}\"");
                continue;
            }
            var pluginArgs = (JsonObject?)reader.Object(entry, "args", itemPath)?.DeepClone() ?? [];
            // Arguments may carry their own type meta (kind: NodeResourcesFitArgs), as upstream's embedded objects do.
            pluginArgs.Remove("apiVersion");
            pluginArgs.Remove("kind");
            args[name] = pluginArgs;
        }
        return args;
    }

    /// <summary>
    /// Builds <paramref name="profile"/>'s framework once, so what only the plugins can check fails at start; returns
    /// its queue sort plugin's name (null when it does not build).
    /// </summary>
    private static string? CheckBuilds(SchedulerProfile profile, string path, ConfigReader reader, PluginRegistry registry)
    {
        // Plugins only keep the client for later; nothing is sent to this address.
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        try
        {
            return FrameworkBuilder.Build(profile, registry, new FrameworkHandle(client, new Snapshot())).QueueSort.Name;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            reader.Errors.Add($"{path}: {e.Message}");
            return null;
        }
    }
}
