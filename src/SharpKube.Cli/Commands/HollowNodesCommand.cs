using System.CommandLine;
using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.Controllers.HollowNodes;

namespace SharpKube.Cli.Commands;

/// <summary>
/// <c>sharpkube hollow-nodes --count N</c>: a fleet of simulated (KWOK-style) nodes against any API server. The nodes
/// register, renew their Leases and run the pods bound to them without containers, until SIGINT or SIGTERM.
/// </summary>
internal static class HollowNodesCommand
{
    public static Command Create()
    {
        var defaults = new HollowNodeOptions();
        var count = new Option<int>("--count") { Description = "How many nodes to simulate", HelpName = "N", Required = true };
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "The kubeconfig to reach the API server with (default: $KUBECONFIG, then /var/lib/sharpkube/admin.kubeconfig, then ~/.kube/config)",
            HelpName = "FILE",
        };
        var prefix = Text("--name-prefix", "The start of every node name: <prefix>0, <prefix>1, … (fleets side by side need distinct ones)", "PREFIX", defaults.NamePrefix);
        var cpu = Text("--cpu", "CPU capacity (and allocatable) of each node", "QUANTITY", defaults.Cpu);
        var memory = Text("--memory", "Memory capacity (and allocatable) of each node", "QUANTITY", defaults.Memory);
        var storage = Text("--ephemeral-storage", "Ephemeral storage capacity (and allocatable) of each node", "QUANTITY", defaults.EphemeralStorage);
        var pods = new Option<int>("--pods") { Description = "How many pods each node takes", HelpName = "N", DefaultValueFactory = _ => defaults.Pods };
        var zones = new Option<int>("--zones")
        {
            Description = "How many zones (zone-a, zone-b, …) the nodes are spread over, round-robin",
            HelpName = "N",
            DefaultValueFactory = _ => defaults.Zones,
        };
        var podCidr = Text("--pod-cidr", "Where nodes without spec.podCIDR (no node IPAM controller) take pod IPs: node i uses the i-th /24", "CIDR", defaults.PodCidr);
        var nodeIpRange = Text("--node-ip-range", "The fake network of the nodes' InternalIP addresses (node i gets its (i+1)-th address)", "CIDR", defaults.NodeIpRange);
        var deleteOnExit = new Option<bool>("--delete-nodes-on-exit")
        {
            Description = "Delete the nodes and their Leases on exit (otherwise they stay, and their Leases expire)",
        };
        var command = new Command("hollow-nodes", "Simulate nodes (KWOK-style) against an API server: they register and run bound pods without containers")
        {
            count, kubeconfig, prefix, cpu, memory, storage, pods, zones, podCidr, nodeIpRange, deleteOnExit,
        };
        HollowNodeOptions OptionsOf(ValueReader read) => new()
        {
            Count = read.Of(count),
            NamePrefix = read.Of(prefix),
            Cpu = read.Of(cpu),
            Memory = read.Of(memory),
            EphemeralStorage = read.Of(storage),
            Pods = read.Of(pods),
            Zones = read.Of(zones),
            PodCidr = read.Of(podCidr),
            NodeIpRange = read.Of(nodeIpRange),
            DeleteNodesOnExit = read.Of(deleteOnExit),
        };
        command.Validators.Add(r =>
        {
            try
            {
                if (r.GetValue(kubeconfig) is { Length: > 0 } path && !File.Exists(path))
                {
                    r.AddError($"--kubeconfig: there is no file \"{path}\"");
                }
                // A missing --count is the parser's to report; the rest is checked as the fleet will see it.
                var problems = HollowNodeOptionsValidator.Problems(OptionsOf(new ValueReader(r)));
                foreach (var problem in problems.Where(p => r.GetResult(count) is not null || !p.StartsWith("--count", StringComparison.Ordinal)))
                {
                    r.AddError(problem);
                }
            }
            catch (InvalidOperationException)
            {
                // A value that does not parse (or is given twice) is reported by the parser itself.
            }
        });
        command.SetAction((parseResult, cancellationToken) => ExpectedErrors.ReportAsync(parseResult.InvocationConfiguration.Error, () =>
            RunAsync(parseResult.GetValue(kubeconfig), OptionsOf(new ValueReader(parseResult.CommandResult)), cancellationToken)));
        return command;
    }

    /// <summary>
    /// Reads option values from a command result, defaults included: a validator sees no default values (an option not
    /// given reads as null or zero there).
    /// </summary>
    private readonly struct ValueReader(System.CommandLine.Parsing.CommandResult result)
    {
        public T Of<T>(Option<T> option) =>
            result.GetResult(option) is null && option.DefaultValueFactory is { } defaultValue ? defaultValue(null!) : result.GetValue(option)!;
    }

    private static Option<string> Text(string name, string description, string helpName, string defaultValue) => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>The kubeconfig to use: the one given, else the first that exists of the usual places.</summary>
    private static string FindKubeconfig(string? given)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return given;
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string?[] candidates =
        [
            Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(':', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(),
            "/var/lib/sharpkube/admin.kubeconfig",
            string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".kube", "config"),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidDataException("no kubeconfig found ($KUBECONFIG, /var/lib/sharpkube/admin.kubeconfig, ~/.kube/config): pass --kubeconfig FILE");
    }

    private static async Task<int> RunAsync(string? kubeconfigOption, HollowNodeOptions options, CancellationToken cancellationToken)
    {
        var kubeconfig = FindKubeconfig(kubeconfigOption);
        var configuration = ComponentKubeconfig.Load(kubeconfig);
        using var loggers = ConsoleLogging.Create();
        var logger = loggers.CreateLogger("hollow-nodes");
        using var stop = new StopSignals(cancellationToken);
        using var client = new Kubernetes(configuration);
        logger.LogInformation("Hollow nodes against {Server} (kubeconfig {Kubeconfig})", configuration.Host, kubeconfig);
        await HollowNodeFleet.RunAsync(client, options, loggers, stop.Token);
        logger.LogInformation("Stopped");
        return 0;
    }
}
