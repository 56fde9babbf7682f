using System.CommandLine;
using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.NodeIpam;

namespace SharpKube.Cli.Commands;

/// <summary>
/// <c>sharpkube controller-manager --kubeconfig F</c>: the controller manager alone, against any API server, with
/// upstream's leader election and <c>--controllers</c> list. It stops on SIGINT or SIGTERM (releasing the leader
/// Lease) and exits with 1 when it loses leadership, as upstream's does.
/// </summary>
internal static class ControllerManagerCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string>("--kubeconfig")
        {
            Description = "The kubeconfig to reach the API server with (its identity is the controller manager's)",
            HelpName = "FILE",
            Required = true,
        };
        var leaderElect = new Option<bool>("--leader-elect")
        {
            Description = "Take part in leader election over the kube-system/kube-controller-manager Lease, so that one instance acts",
            HelpName = "true|false",
            DefaultValueFactory = _ => true,
        };
        var clusterCidr = ClusterCidrOption();
        var maskSize = new Option<int>("--node-cidr-mask-size")
        {
            Description = "The prefix length of each node's pod CIDR",
            HelpName = "BITS",
            DefaultValueFactory = _ => 24,
        };
        var controllers = new Option<string[]>("--controllers")
        {
            Description = "The controllers to run: * for all, NAME to add one, -NAME to leave one out (e.g. *,-nodeipam); "
                + "known: " + string.Join(", ", ControllerCatalog.All.Select(c => c.Name)),
            HelpName = "*|NAME,-NAME,...",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
            DefaultValueFactory = _ => ["*"],
        };
        var command = new Command("controller-manager", "Run the controller manager alone against an API server")
        {
            kubeconfig, leaderElect, clusterCidr, maskSize, controllers,
        };
        command.Validators.Add(r =>
        {
            try
            {
                if (r.GetValue(kubeconfig) is { Length: > 0 } path && !File.Exists(path))
                {
                    r.AddError($"--kubeconfig: there is no file \"{path}\"");
                }
                // A validator sees no default values: an option not given reads as null or zero here.
                CheckNetwork(r.GetResult(clusterCidr) is null ? DefaultClusterCidr : r.GetValue(clusterCidr),
                    r.GetResult(maskSize) is null ? new ControllerManagerOptions().NodeCidrMaskSize : r.GetValue(maskSize), r.AddError);
                ControllerSelection.Parse(r.GetValue(controllers) ?? []);
            }
            catch (FormatException e)
            {
                r.AddError(e.Message);
            }
            catch (InvalidOperationException)
            {
                // A value that does not parse (or is given twice) is reported by the parser itself.
            }
        });
        command.SetAction((parseResult, cancellationToken) => ExpectedErrors.ReportAsync(parseResult.InvocationConfiguration.Error, () =>
            RunAsync(parseResult.GetValue(kubeconfig)!, new ControllerManagerOptions
            {
                LeaderElect = parseResult.GetValue(leaderElect),
                ClusterCidr = parseResult.GetValue(clusterCidr)!,
                NodeCidrMaskSize = parseResult.GetValue(maskSize),
                Controllers = ControllerSelection.Parse(parseResult.GetValue(controllers) ?? []),
            }, cancellationToken)));
        return command;
    }

    /// <summary>The <c>--cluster-cidr</c> option, shared with <c>sharpkube server</c>.</summary>
    public static Option<string> ClusterCidrOption() => new("--cluster-cidr")
    {
        Description = "The pod network: each node gets a block of it as its pod CIDR",
        HelpName = "CIDR",
        DefaultValueFactory = _ => DefaultClusterCidr,
    };

    /// <summary>The default pod network, as k3s's.</summary>
    public static string DefaultClusterCidr => new ControllerManagerOptions().ClusterCidr;

    /// <summary>Reports a cluster CIDR or mask size the node IPAM controller could not use.</summary>
    public static void CheckNetwork(string? clusterCidr, int maskSize, Action<string> addError)
    {
        try
        {
            NodeCidrSet.Create(clusterCidr ?? "", maskSize);
        }
        catch (FormatException e)
        {
            addError(e.Message);
        }
    }

    private static async Task<int> RunAsync(string kubeconfig, ControllerManagerOptions options, CancellationToken cancellationToken)
    {
        var configuration = ComponentKubeconfig.Load(kubeconfig);
        using var loggers = ConsoleLogging.Create();
        var logger = loggers.CreateLogger("controller-manager");
        using var stop = new StopSignals(cancellationToken);
        using var client = new Kubernetes(configuration);
        logger.LogInformation("Controller manager {Identity} starting against {Server} (leader election {LeaderElection}; controllers {Controllers})",
            options.Identity, configuration.Host, options.LeaderElect ? "on" : "off",
            string.Join(",", ControllerCatalog.All.Select(c => c.Name).Where(n => options.Controllers?.Contains(n) != false)));
        await ControllerManager.RunAsync(client, options, loggers, stop.Token);
        if (stop.Token.IsCancellationRequested)
        {
            logger.LogInformation("Stopping");
            return 0;
        }
        logger.LogError("Leader election lost: exiting");
        return 1;
    }
}
