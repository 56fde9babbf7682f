using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using SharpKube.ApiServer.Admission;
using SharpKube.ApiServer.Hosting;
using SharpKube.Kubelet.Hosting;
using SharpKube.Proxy;
using SharpKube.Controllers.Manager;
using SharpKube.Scheduler.Configuration;
using SharpKube.Scheduler.Hosting;
using SharpKube.Scheduler.Plugins;
using SharpKube.Storage;

namespace SharpKube.Cli.Commands;

/// <summary>
/// <c>sharpkube server</c> (the all-in-one server) and <c>sharpkube apiserver</c> (the API server alone).
/// Both run the API server over the chosen datastore until SIGINT or SIGTERM; <c>server</c> also runs the
/// controller manager, the scheduler and the node: a kubelet with its service proxy and cluster DNS (each unless
/// <c>--disable</c>d; without the kubelet there is no node, so no proxy or DNS either).
/// </summary>
internal static class ServerCommand
{
    public static Command Create(string name = "server")
    {
        var allInOne = name == "server";
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Where the server keeps its state: the datastore (<data-dir>/db), the PKI (<data-dir>/pki) and admin.kubeconfig",
            HelpName = "DIR",
            DefaultValueFactory = _ => "/var/lib/sharpkube",
        };
        var bindAddress = new Option<string>("--bind-address")
        {
            Description = "The address the API server listens on",
            HelpName = "IP",
            DefaultValueFactory = _ => "0.0.0.0",
        };
        var httpsPort = new Option<int>("--https-port")
        {
            Description = "The API server's HTTPS port (0 picks a free one)",
            HelpName = "PORT",
            DefaultValueFactory = _ => 6443,
        };
        var datastore = new Option<DatastoreDriver>("--datastore")
        {
            Description = "The datastore: sqlite (embedded), etcd (external, for HA) or memory (lost on exit)",
            HelpName = "sqlite|etcd|memory",
            DefaultValueFactory = _ => DatastoreDriver.Sqlite,
        };
        var etcdEndpoints = ListOption("--etcd-endpoints", "etcd client URLs, comma-separated (with --datastore etcd)", "URL,...");
        var etcdPrefix = new Option<string>("--etcd-prefix")
        {
            Description = "A prefix for every key in etcd, so clusters can share one etcd",
            HelpName = "PREFIX",
            DefaultValueFactory = _ => "",
        };
        var serviceCidr = new Option<string>("--service-cidr")
        {
            Description = "The range ClusterIPs are allocated from; its first address is the kubernetes service's",
            HelpName = "CIDR",
            DefaultValueFactory = _ => "10.43.0.0/16",
        };
        var clusterDomain = new Option<string>("--cluster-domain")
        {
            Description = "The cluster's DNS domain",
            HelpName = "DOMAIN",
            DefaultValueFactory = _ => "cluster.local",
        };
        var writeKubeconfig = new Option<string?>("--write-kubeconfig")
        {
            Description = "Also write the admin kubeconfig here (it is always written to <data-dir>/admin.kubeconfig)",
            HelpName = "PATH",
        };
        var token = new Option<string?>("--token")
        {
            Description = "A bearer token that authenticates as the cluster administrator",
            HelpName = "TOKEN",
        };
        var tokenAuthFile = new Option<string?>("--token-auth-file")
        {
            Description = "A CSV file of static tokens: token,user,uid,\"group1,group2\"",
            HelpName = "FILE",
        };
        var notReadySeconds = TolerationSecondsOption("--default-not-ready-toleration-seconds", DefaultTolerationSeconds.NotReadyTaint);
        var unreachableSeconds = TolerationSecondsOption("--default-unreachable-toleration-seconds", DefaultTolerationSeconds.UnreachableTaint);
        var command = new Command(name, allInOne
            ? "Run the SharpKube server: the API server over its datastore, the controller manager, the scheduler and a kubelet with its managed containerd"
            : "Run the API server alone")
        {
            dataDir, bindAddress, httpsPort, datastore, etcdEndpoints, etcdPrefix, serviceCidr, clusterDomain, writeKubeconfig, token, tokenAuthFile,
            notReadySeconds, unreachableSeconds,
        };
        var disable = ListOption("--disable", "Components not to run: scheduler,controller-manager,kubelet,proxy,dns", "NAME,...");
        var clusterCidr = ControllerManagerCommand.ClusterCidrOption();
        var hollowNodes = new Option<int>("--hollow-nodes")
        {
            Description = "Also run this many simulated nodes (as `sharpkube hollow-nodes --count N`) once the server is ready",
            HelpName = "N",
        };
        var schedulerConfig = new Option<string?>("--scheduler-config")
        {
            Description = "A KubeSchedulerConfiguration file for the scheduler (as `sharpkube scheduler --config`; its clientConnection is not used)",
            HelpName = "FILE",
        };
        var nodeName = new Option<string?>("--node-name") { Description = "This node's name (default: the hostname)", HelpName = "NAME" };
        var nodeIp = new Option<string?>("--node-ip") { Description = "This node's InternalIP (default: the address of the default route's interface)", HelpName = "IP" };
        var clusterDns = new Option<string>("--cluster-dns")
        {
            Description = "The cluster DNS service address pods resolve names through",
            HelpName = "IP",
            DefaultValueFactory = _ => "10.43.0.10",
        };
        var proxyMode = ProxyModeOption();
        var resolvConf = ResolvConfOption();
        var runtimeEndpoint = new Option<string?>("--container-runtime-endpoint")
        {
            Description = "An existing CRI socket for the kubelet (default: start a managed containerd under <data-dir>/agent)",
            HelpName = "unix:///PATH",
        };
        if (allInOne)
        {
            command.Options.Add(disable);
            command.Options.Add(schedulerConfig);
            command.Options.Add(clusterCidr);
            command.Options.Add(nodeName);
            command.Options.Add(nodeIp);
            command.Options.Add(clusterDns);
            command.Options.Add(runtimeEndpoint);
            command.Options.Add(proxyMode);
            command.Options.Add(resolvConf);
            command.Options.Add(hollowNodes);
        }
        command.Validators.Add(r =>
        {
            try
            {
                if (r.GetValue(datastore) == DatastoreDriver.Etcd && r.GetValue(etcdEndpoints) is not { Length: > 0 })
                {
                    r.AddError("--datastore etcd needs --etcd-endpoints");
                }
                if (r.GetValue(httpsPort) is < 0 or > 65535)
                {
                    r.AddError("--https-port must be between 0 and 65535");
                }
                if (allInOne && r.GetValue(hollowNodes) < 0)
                {
                    r.AddError("--hollow-nodes must be 0 or more");
                }
                if (allInOne)
                {
                    ControllerManagerCommand.CheckNetwork(r.GetResult(clusterCidr) is null ? ControllerManagerCommand.DefaultClusterCidr : r.GetValue(clusterCidr),
                        new ControllerManagerOptions().NodeCidrMaskSize, r.AddError);
                }
            }
            catch (InvalidOperationException)
            {
                // A value that does not parse (or is given twice) is reported by the parser itself.
            }
        });
        command.SetAction((parseResult, cancellationToken) => ExpectedErrors.ReportAsync(parseResult.InvocationConfiguration.Error, () =>
        {
            // sharpkube server runs the controller manager unless disabled; the API server alone keeps its stopgap
            // that empties deleted namespaces, which the namespace controller does otherwise.
            var controllers = allInOne && !parseResult.GetValue(disable)!.Contains("controller-manager", StringComparer.Ordinal)
                ? new ControllerManagerOptions { ClusterCidr = parseResult.GetValue(clusterCidr)! }
                : null;
            var scheduler = allInOne && !parseResult.GetValue(disable)!.Contains("scheduler", StringComparer.Ordinal)
                ? SchedulerOptionsFrom(parseResult.GetValue(schedulerConfig))
                : null;
            var kubelet = allInOne && !parseResult.GetValue(disable)!.Contains("kubelet", StringComparer.Ordinal)
                ? new KubeletOptions
                {
                    AgentDir = Path.Combine(parseResult.GetValue(dataDir)!, "agent"),
                    NodeName = parseResult.GetValue(nodeName) ?? Environment.MachineName.ToLowerInvariant(),
                    NodeIp = parseResult.GetValue(nodeIp),
                    ClusterDns = parseResult.GetValue(clusterDns)!,
                    ClusterDomain = parseResult.GetValue(clusterDomain)!,
                    ContainerRuntimeEndpoint = parseResult.GetValue(runtimeEndpoint),
                    HostResolvConf = parseResult.GetValue(resolvConf)!,
                    NodeLabels = new Dictionary<string, string> { ["node-role.kubernetes.io/control-plane"] = "true" },
                    ImageDirs = [InProcessKubelet.BundledImagesDir],
                }
                : null;
            var networking = kubelet is null ? null : new NodeNetworkingSelection(
                Proxy: !parseResult.GetValue(disable)!.Contains("proxy", StringComparer.Ordinal),
                Dns: !parseResult.GetValue(disable)!.Contains("dns", StringComparer.Ordinal),
                Mode: parseResult.GetValue(proxyMode),
                ClusterCidr: parseResult.GetValue(clusterCidr) ?? ControllerManagerCommand.DefaultClusterCidr,
                ClusterDns: parseResult.GetValue(clusterDns)!,
                ResolvConf: parseResult.GetValue(resolvConf)!);
            return RunAsync(new ApiServerOptions
            {
                DataDir = parseResult.GetValue(dataDir)!,
                BindAddress = ParseAddress(parseResult.GetValue(bindAddress)!),
                HttpsPort = parseResult.GetValue(httpsPort),
                Datastore = parseResult.GetValue(datastore),
                EtcdEndpoints = parseResult.GetValue(etcdEndpoints)!,
                EtcdKeyPrefix = parseResult.GetValue(etcdPrefix)!,
                ServiceCidr = parseResult.GetValue(serviceCidr)!,
                ClusterDomain = parseResult.GetValue(clusterDomain)!,
                WriteKubeconfig = parseResult.GetValue(writeKubeconfig),
                Token = parseResult.GetValue(token),
                TokenAuthFile = parseResult.GetValue(tokenAuthFile),
                DefaultNotReadyTolerationSeconds = parseResult.GetValue(notReadySeconds),
                DefaultUnreachableTolerationSeconds = parseResult.GetValue(unreachableSeconds),
                FinalizeNamespaces = controllers is null,
            }, controllers, scheduler, kubelet, networking, allInOne ? parseResult.GetValue(hollowNodes) : 0, cancellationToken);
        }));
        return command;
    }

    /// <summary>
    /// Starts the node's service proxy and cluster DNS, each with its own identity (<c>system:kube-proxy</c>,
    /// <c>system:coredns</c>) through a kubeconfig in the data directory, unless <c>--disable</c>d.
    /// </summary>
    private static async Task<InProcessServiceNetworking> StartServiceNetworkingAsync(RunningApiServer server, ApiServerOptions options, KubeletOptions kubelet,
        IPAddress nodeIp, NodeNetworkingSelection networking, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var proxyClient = networking.Proxy ? InProcessComponent.ClientFor(server, Path.Combine(options.DataDir, "proxy.kubeconfig"),
            server.Pki.IssueClientCertificate("system:kube-proxy", [])) : null;
        var dnsClient = networking.Dns ? InProcessComponent.ClientFor(server, Path.Combine(options.DataDir, "dns.kubeconfig"),
            server.Pki.IssueClientCertificate("system:coredns", [])) : null;
        return await InProcessServiceNetworking.StartAsync(proxyClient, dnsClient, new ServiceNetworkingOptions
        {
            NodeName = kubelet.NodeName,
            NodeIp = nodeIp,
            ProxyMode = networking.Mode,
            ClusterCidr = networking.ClusterCidr,
            ServiceCidr = options.ServiceCidr,
            ClusterDns = networking.ClusterDns,
            ClusterDomain = options.ClusterDomain,
            ResolvConf = networking.ResolvConf,
        }, loggers, cancellationToken);
    }

    /// <summary>The in-process scheduler's options: upstream's defaults, or <paramref name="configFile"/>'s, read before anything starts.</summary>
    private static SchedulerOptions SchedulerOptionsFrom(string? configFile) => configFile is null
        ? new SchedulerOptions()
        : SchedulerConfigurationParser.Load(configFile, InTreePlugins.CreateRegistry()).ApplyTo(new SchedulerOptions());

    /// <summary><c>--proxy-mode</c>, shared with <c>sharpkube agent</c>.</summary>
    internal static Option<ProxyMode> ProxyModeOption() => new("--proxy-mode")
    {
        Description = "How the node's service proxy programs the packet filter",
        HelpName = "iptables|nftables",
        DefaultValueFactory = _ => ProxyMode.Iptables,
        CustomParser = r =>
        {
            var text = r.Tokens[^1].Value;
            if (text is "iptables" or "nftables")
            {
                return Enum.Parse<ProxyMode>(text, ignoreCase: true);
            }
            r.AddError($"--proxy-mode: \"{text}\" is not iptables or nftables");
            return ProxyMode.Iptables;
        },
    };

    /// <summary><c>--resolv-conf</c>, shared with <c>sharpkube agent</c>.</summary>
    internal static Option<string> ResolvConfOption()
    {
        var option = new Option<string>("--resolv-conf")
        {
            Description = "The node's resolv.conf: the DNS of pods with dnsPolicy Default, and where the cluster DNS forwards names outside the cluster",
            HelpName = "FILE",
            DefaultValueFactory = _ => "/etc/resolv.conf",
        };
        // A file named on the command line must exist; a machine without the default one has no upstream resolvers.
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && !File.Exists(r.Tokens[^1].Value))
            {
                r.AddError($"--resolv-conf: there is no file \"{r.Tokens[^1].Value}\"");
            }
        });
        return option;
    }

    private static IPAddress ParseAddress(string text) =>
        IPAddress.TryParse(text, out var address) ? address : throw new FormatException($"--bind-address: \"{text}\" is not an IP address");

    /// <summary>A kube-apiserver flag of the DefaultTolerationSeconds admission plugin, with its default.</summary>
    private static Option<long> TolerationSecondsOption(string name, string taint) => new(name)
    {
        Description = $"The tolerationSeconds of the {taint}:NoExecute toleration given to every pod that does not already tolerate that taint",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => DefaultTolerationSeconds.DefaultSeconds,
    };

    private static Option<string[]> ListOption(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
        DefaultValueFactory = _ => [],
    };

    private static async Task<int> RunAsync(ApiServerOptions options, ControllerManagerOptions? controllers, SchedulerOptions? scheduler,
        KubeletOptions? kubelet, NodeNetworkingSelection? networking, int hollowNodes, CancellationToken cancellationToken)
    {
        using var loggers = ConsoleLogging.Create();
        var logger = loggers.CreateLogger("sharpkube");
        using var stop = new StopSignals(cancellationToken);

        await using var server = await ApiServerHost.StartAsync(options, loggers, stop.Token);
        await using var controllerManager = controllers is null ? null : InProcessControlPlane.StartControllerManager(server, options.DataDir, controllers, loggers);
        await using var kubeScheduler = scheduler is null ? null : InProcessControlPlane.StartScheduler(server, options.DataDir, scheduler, loggers);
        await using var nodeAgent = kubelet is null ? null : await InProcessKubelet.StartAsync(server, options.DataDir, kubelet, loggers, stop.Token);
        await using var serviceNetworking = nodeAgent is null || networking is null ? null
            : await StartServiceNetworkingAsync(server, options, kubelet!, nodeAgent.NodeIp, networking, loggers, stop.Token);
        logger.LogInformation("sharpkube is ready: API server at {Url}, datastore {Driver}, kubeconfig {Kubeconfig}",
            server.Url, options.Datastore.ToString().ToLowerInvariant(), server.AdminKubeconfigPath);
        await using var hollow = hollowNodes > 0 ? InProcessHollowNodes.Start(server, hollowNodes, loggers) : null;
        await stop.WaitAsync();
        logger.LogInformation("Stopping");
        return 0;
    }
}
