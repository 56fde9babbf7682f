using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Serialization;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Configuration;

/// <summary>
/// Reads a <c>KubeSchedulerConfiguration</c> file (YAML or JSON) as upstream's kube-scheduler does: strict decoding
/// (unknown fields are errors), upstream's defaults, then validation with upstream's field paths and wording. Every
/// problem is collected and reported together in one <see cref="SchedulerConfigurationException"/>.
/// </summary>
public static class SchedulerConfigurationParser
{
    private static readonly string[] TopLevelFields =
    [
        "apiVersion", "kind", "parallelism", "leaderElection", "clientConnection", "percentageOfNodesToScore",
        "podInitialBackoffSeconds", "podMaxBackoffSeconds", "profiles", "extenders", "delayCacheUntilActive",
        "enableProfiling", "enableContentionProfiling",
    ];

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="SchedulerConfigurationException">The file is malformed or invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SchedulerConfiguration Load(string path, PluginRegistry registry) => Parse(File.ReadAllBytes(path), path, registry);

    /// <summary>Parses and validates <paramref name="text"/>, naming it <paramref name="source"/> in errors.</summary>
    /// <exception cref="SchedulerConfigurationException">The text is malformed or invalid.</exception>
    public static SchedulerConfiguration Parse(string text, string source, PluginRegistry registry) => Parse(Encoding.UTF8.GetBytes(text), source, registry);

    /// <summary>Parses and validates UTF-8 <paramref name="utf8"/>, naming it <paramref name="source"/> in errors.</summary>
    /// <exception cref="SchedulerConfigurationException">The text is malformed or invalid.</exception>
    public static SchedulerConfiguration Parse(ReadOnlySpan<byte> utf8, string source, PluginRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        JsonNode? root;
        try
        {
            // JSON is YAML, so one path reads both.
            root = JsonNode.Parse(YamlToJson.Convert(utf8));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            var where = e.InnerException is YamlDotNet.Core.YamlException yaml ? $"line {yaml.Start.Line}, column {yaml.Start.Column}: " : "";
            throw new SchedulerConfigurationException($"invalid scheduler configuration {source}: {where}{e.Message}", e);
        }
        if (root is not JsonObject obj)
        {
            throw new SchedulerConfigurationException($"invalid scheduler configuration {source}: expected a {SchedulerConfiguration.Kind} object");
        }
        var reader = new ConfigReader();
        var configuration = Read(obj, reader, registry);
        if (reader.Errors.Count > 0)
        {
            throw new SchedulerConfigurationException(source, reader.Errors);
        }
        return configuration;
    }

    private static SchedulerConfiguration Read(JsonObject obj, ConfigReader reader, PluginRegistry registry)
    {
        var apiVersion = reader.String(obj, "apiVersion", "");
        var kind = reader.String(obj, "kind", "");
        if (apiVersion != SchedulerConfiguration.ApiVersion || kind != SchedulerConfiguration.Kind)
        {
            // Nothing else is worth reading in a file that is not a v1 configuration.
            throw new SchedulerConfigurationException(
                $"no kind \"{kind}\" is registered for version \"{apiVersion}\": want apiVersion {SchedulerConfiguration.ApiVersion}, kind {SchedulerConfiguration.Kind}");
        }
        reader.OnlyFields(obj, "", TopLevelFields);
        if (reader.Array(obj, "extenders", "") is { Count: > 0 })
        {
            reader.Errors.Add("extenders: Unsupported value: scheduler extenders are not supported by SharpKube");
        }
        _ = reader.Bool(obj, "delayCacheUntilActive", "");
        _ = reader.Bool(obj, "enableProfiling", "");
        _ = reader.Bool(obj, "enableContentionProfiling", "");

        var configuration = new SchedulerConfiguration
        {
            Profiles = ProfileReader.ReadProfiles(obj, reader, registry),
            PercentageOfNodesToScore = reader.Int(obj, "percentageOfNodesToScore", "") ?? 0,
            PodInitialBackoffSeconds = reader.Int(obj, "podInitialBackoffSeconds", "") ?? 1,
            PodMaxBackoffSeconds = reader.Int(obj, "podMaxBackoffSeconds", "") ?? 10,
            Parallelism = reader.Int(obj, "parallelism", ""),
            LeaderElection = ReadLeaderElection(reader.Object(obj, "leaderElection", ""), reader),
            ClientConnection = ReadClientConnection(reader.Object(obj, "clientConnection", ""), reader),
        };
        Validate(configuration, reader);
        return configuration;
    }

    private static void Validate(SchedulerConfiguration c, ConfigReader reader)
    {
        if (c.Parallelism is <= 0)
        {
            reader.Errors.Add($"parallelism: Invalid value: {c.Parallelism}: should be an integer value greater than zero");
        }
        if (c.PercentageOfNodesToScore is < 0 or > 100)
        {
            reader.Errors.Add($"percentageOfNodesToScore: Invalid value: {c.PercentageOfNodesToScore}: not in valid range [0-100]");
        }
        if (c.PodInitialBackoffSeconds <= 0)
        {
            reader.Errors.Add($"podInitialBackoffSeconds: Invalid value: {c.PodInitialBackoffSeconds}: must be greater than 0");
        }
        if (c.PodMaxBackoffSeconds < c.PodInitialBackoffSeconds)
        {
            reader.Errors.Add($"podMaxBackoffSeconds: Invalid value: {c.PodMaxBackoffSeconds}: must be greater than or equal to PodInitialBackoffSeconds");
        }
        var election = c.LeaderElection;
        if (election.LeaderElect)
        {
            if (election.LeaseDuration <= TimeSpan.Zero)
            {
                reader.Errors.Add("leaderElection.leaseDuration: Invalid value: must be greater than zero");
            }
            if (election.RenewDeadline <= TimeSpan.Zero)
            {
                reader.Errors.Add("leaderElection.renewDeadline: Invalid value: must be greater than zero");
            }
            if (election.RetryPeriod <= TimeSpan.Zero)
            {
                reader.Errors.Add("leaderElection.retryPeriod: Invalid value: must be greater than zero");
            }
            if (election.LeaseDuration <= election.RenewDeadline)
            {
                reader.Errors.Add("leaderElection.leaseDuration: Invalid value: LeaseDuration must be greater than RenewDeadline");
            }
            if (election.ResourceName.Length == 0)
            {
                reader.Errors.Add("leaderElection.resourceName: Required value: resourceName is required");
            }
            if (election.ResourceNamespace.Length == 0)
            {
                reader.Errors.Add("leaderElection.resourceNamespace: Required value: resourceNamespace is required");
            }
        }
        if (c.ClientConnection.Burst < 0)
        {
            reader.Errors.Add($"clientConnection.burst: Invalid value: {c.ClientConnection.Burst}: must be non-negative");
        }
    }

    private static LeaderElectionConfiguration ReadLeaderElection(JsonObject? obj, ConfigReader reader)
    {
        var defaults = new LeaderElectionConfiguration();
        if (obj is null)
        {
            return defaults;
        }
        const string path = "leaderElection";
        reader.OnlyFields(obj, path, "leaderElect", "leaseDuration", "renewDeadline", "retryPeriod", "resourceLock", "resourceName", "resourceNamespace");
        if (reader.String(obj, "resourceLock", path) is { } resourceLock && resourceLock != "leases")
        {
            reader.Errors.Add($"leaderElection.resourceLock: Unsupported value: \"{resourceLock}\": supported values: \"leases\"");
        }
        return new LeaderElectionConfiguration
        {
            LeaderElect = reader.Bool(obj, "leaderElect", path) ?? defaults.LeaderElect,
            LeaseDuration = reader.Duration(obj, "leaseDuration", path) ?? defaults.LeaseDuration,
            RenewDeadline = reader.Duration(obj, "renewDeadline", path) ?? defaults.RenewDeadline,
            RetryPeriod = reader.Duration(obj, "retryPeriod", path) ?? defaults.RetryPeriod,
            ResourceName = reader.String(obj, "resourceName", path) ?? defaults.ResourceName,
            ResourceNamespace = reader.String(obj, "resourceNamespace", path) ?? defaults.ResourceNamespace,
        };
    }

    private static ClientConnectionConfiguration ReadClientConnection(JsonObject? obj, ConfigReader reader)
    {
        var defaults = new ClientConnectionConfiguration();
        if (obj is null)
        {
            return defaults;
        }
        const string path = "clientConnection";
        reader.OnlyFields(obj, path, "kubeconfig", "qps", "burst", "contentType", "acceptContentTypes");
        _ = reader.String(obj, "contentType", path);
        _ = reader.String(obj, "acceptContentTypes", path);
        return new ClientConnectionConfiguration
        {
            Kubeconfig = reader.String(obj, "kubeconfig", path) ?? defaults.Kubeconfig,
            Qps = reader.Number(obj, "qps", path) ?? defaults.Qps,
            Burst = reader.Int(obj, "burst", path) ?? defaults.Burst,
        };
    }
}
