using System.CommandLine;
using System.Net;
using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.Proxy;
using SharpKube.Proxy.Health;

namespace SharpKube.Cli.Commands;

/// <summary>
/// <c>sharpkube proxy --kubeconfig F</c>: the service proxy alone, programming this node's iptables (or nftables) for
/// every Service, until SIGINT or SIGTERM; its rules stay when it stops. <c>--cleanup</c> removes every rule it
/// created and exits.
/// </summary>
internal static class ProxyCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "The kubeconfig to reach the API server with", HelpName = "FILE" };
        var mode = new Option<string>("--proxy-mode")
        {
            Description = "How to program the node: iptables or nftables",
            HelpName = "iptables|nftables",
            DefaultValueFactory = _ => "iptables",
        };
        mode.AcceptOnlyFromAmong("iptables", "nftables");
        var hostname = new Option<string?>("--hostname-override") { Description = "This node's name (default: the host name)", HelpName = "NAME" };
        var clusterCidr = new Option<string>("--cluster-cidr")
        {
            Description = "The pod network; traffic to a cluster IP from outside it is masqueraded",
            HelpName = "CIDR",
            DefaultValueFactory = _ => "10.42.0.0/16",
        };
        var nodeIp = new Option<string[]>("--node-ip")
        {
            Description = "The node's addresses, where node ports are served (default: the Node's InternalIP)",
            HelpName = "IP",
            AllowMultipleArgumentsPerToken = true,
        };
        var minSync = new Option<TimeSpan>("--min-sync-period")
        {
            Description = "The least time between two syncs (changes meanwhile are coalesced)",
            HelpName = "hh:mm:ss",
            DefaultValueFactory = _ => TimeSpan.Zero,
        };
        var sync = new Option<TimeSpan>("--sync-period")
        {
            Description = "How often the rules are synced without a change",
            HelpName = "hh:mm:ss",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
        };
        var metrics = new Option<string>("--metrics-bind-address")
        {
            Description = "HOST:PORT serving /metrics (\"\" turns it off)",
            HelpName = "HOST:PORT",
            DefaultValueFactory = _ => "127.0.0.1:10249",
        };
        var healthz = new Option<string>("--healthz-bind-address")
        {
            Description = "HOST:PORT serving /healthz and /livez (\"\" turns it off)",
            HelpName = "HOST:PORT",
            DefaultValueFactory = _ => "0.0.0.0:10256",
        };
        var cleanup = new Option<bool>("--cleanup") { Description = "Remove every rule the proxy created, then exit" };
        var command = new Command("proxy", "Run the service proxy alone against an API server")
        {
            kubeconfig, mode, hostname, clusterCidr, nodeIp, minSync, sync, metrics, healthz, cleanup,
        };
        command.Validators.Add(r =>
        {
            try
            {
                if (!r.GetValue(cleanup) && r.GetValue(kubeconfig) is not { Length: > 0 })
                {
                    r.AddError("Option '--kubeconfig' is required (except with --cleanup)");
                }
                if (r.GetValue(kubeconfig) is { Length: > 0 } path && !File.Exists(path))
                {
                    r.AddError($"--kubeconfig: there is no file \"{path}\"");
                }
                foreach (var ip in r.GetValue(nodeIp) ?? [])
                {
                    if (!IPAddress.TryParse(ip, out _))
                    {
                        r.AddError($"--node-ip: \"{ip}\" is not an IP address");
                    }
                }
                foreach (var (option, value) in new[] { ("--metrics-bind-address", r.GetValue(metrics)), ("--healthz-bind-address", r.GetValue(healthz)) })
                {
                    if (!string.IsNullOrEmpty(value) && SmallHttpServer.ParseEndPoint(value) is null)
                    {
                        r.AddError($"{option}: \"{value}\" is not HOST:PORT");
                    }
                }
            }
            catch (InvalidOperationException)
            {
                // A value that does not parse is reported by the parser itself.
            }
        });
        command.SetAction((parseResult, cancellationToken) => ExpectedErrors.ReportAsync(parseResult.InvocationConfiguration.Error, () =>
        {
            var options = new ProxyOptions
            {
                Mode = parseResult.GetValue(mode) == "nftables" ? ProxyMode.Nftables : ProxyMode.Iptables,
                NodeName = parseResult.GetValue(hostname) is { Length: > 0 } name ? name : Environment.MachineName.ToLowerInvariant(),
                NodeAddresses = parseResult.GetValue(nodeIp) is { Length: > 0 } ips ? [.. ips.Select(IPAddress.Parse)] : null,
                ClusterCidr = parseResult.GetValue(clusterCidr)!,
                MinSyncPeriod = parseResult.GetValue(minSync),
                SyncPeriod = parseResult.GetValue(sync),
                MetricsBindAddress = parseResult.GetValue(metrics),
                HealthzBindAddress = parseResult.GetValue(healthz),
            };
            return parseResult.GetValue(cleanup)
                ? CleanupAsync(options, cancellationToken)
                : RunAsync(parseResult.GetValue(kubeconfig)!, options, cancellationToken);
        }));
        return command;
    }

    private static async Task<int> CleanupAsync(ProxyOptions options, CancellationToken cancellationToken)
    {
        // Like upstream's --cleanup, every mode's rules go, whichever mode is named.
        using var loggers = ConsoleLogging.Create();
        foreach (var mode in Enum.GetValues<ProxyMode>())
        {
            await ProxyBackends.Create(options with { Mode = mode }, loggers).CleanupAsync(cancellationToken);
            loggers.CreateLogger("proxy").LogInformation("Removed the service proxy's {Mode} rules", mode);
        }
        return 0;
    }

    private static async Task<int> RunAsync(string kubeconfig, ProxyOptions options, CancellationToken cancellationToken)
    {
        var configuration = ComponentKubeconfig.Load(kubeconfig);
        using var loggers = ConsoleLogging.Create();
        using var stop = new StopSignals(cancellationToken);
        using var client = new Kubernetes(configuration);
        await ServiceProxy.RunAsync(client, options, loggers, stop.Token);
        loggers.CreateLogger("proxy").LogInformation("Stopping; the rules stay in place");
        return 0;
    }
}
