using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.Kubelet.Hosting;
using SharpKube.Kubelet.Node;

namespace SharpKube.Cli.Commands;

/// <summary>
/// <c>sharpkube agent --server URL --token TOKEN</c>: a node joining a SharpKube server, as k3s agents do. It learns the
/// cluster CA from the server (see <see cref="ClusterJoin"/> for how the token protects that), gets its kubelet's
/// client certificate (<c>system:node:NAME</c>) and serving certificate issued by the cluster CA, keeps them under
/// <c>&lt;data-dir&gt;/agent</c> and runs the kubelet until SIGINT or SIGTERM, leaving the pods' containers running
/// for the next start to adopt.
/// </summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server")
        {
            Description = "The SharpKube server to join (https://HOST:6443)",
            HelpName = "URL",
            Required = true,
        };
        var token = new Option<string>("--token")
        {
            Description = "The server's --token, or K10<sha256 of its CA certificate>::server:<token> to also verify the server",
            HelpName = "TOKEN",
            Required = true,
        };
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Where the agent keeps its state (<data-dir>/agent: certificates, kubelet.kubeconfig, the managed containerd, pods)",
            HelpName = "DIR",
            DefaultValueFactory = _ => "/var/lib/sharpkube",
        };
        var nodeName = new Option<string?>("--node-name") { Description = "This node's name (default: the hostname)", HelpName = "NAME" };
        var nodeIp = new Option<string?>("--node-ip") { Description = "This node's InternalIP (default: the address of the default route's interface)", HelpName = "IP" };
        var clusterDns = new Option<string>("--cluster-dns") { Description = "The cluster DNS service address", HelpName = "IP", DefaultValueFactory = _ => "10.43.0.10" };
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "The cluster's DNS domain", HelpName = "DOMAIN", DefaultValueFactory = _ => "cluster.local" };
        var runtimeEndpoint = new Option<string?>("--container-runtime-endpoint")
        {
            Description = "An existing CRI socket (default: start a managed containerd under <data-dir>/agent)",
            HelpName = "unix:///PATH",
        };
        var kubeletPort = new Option<int>("--kubelet-port")
        {
            Description = "The port of the kubelet's HTTPS server (logs)",
            HelpName = "PORT",
            DefaultValueFactory = _ => 10250,
        };
        kubeletPort.Validators.Add(r =>
        {
            try
            {
                if (r.GetValueOrDefault<int>() is < 1 or > 65535)
                {
                    r.AddError("--kubelet-port must be between 1 and 65535");
                }
            }
            catch (InvalidOperationException)
            {
                // A value that does not parse is reported by the parser itself.
            }
        });
        var proxyMode = ServerCommand.ProxyModeOption();
        var resolvConf = ServerCommand.ResolvConfOption();
        var clusterCidr = new Option<string>("--cluster-cidr")
        {
            Description = "The cluster's pod network (the server's --cluster-cidr): the service proxy masquerades traffic to services from outside it",
            HelpName = "CIDR",
            DefaultValueFactory = _ => ControllerManagerCommand.DefaultClusterCidr,
        };
        var serviceCidr = new Option<string>("--service-cidr")
        {
            Description = "The cluster's service network (the server's --service-cidr), whose reverse zone the cluster DNS answers",
            HelpName = "CIDR",
            DefaultValueFactory = _ => "10.43.0.0/16",
        };
        var disable = new Option<string[]>("--disable")
        {
            Description = "Node components not to run: proxy,dns",
            HelpName = "NAME,...",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
            DefaultValueFactory = _ => [],
        };
        var command = new Command("agent", "Join a SharpKube server as a node and run its kubelet, service proxy and cluster DNS")
        {
            server, token, dataDir, nodeName, nodeIp, clusterDns, clusterDomain, runtimeEndpoint, kubeletPort, proxyMode, resolvConf, clusterCidr,
            serviceCidr, disable,
        };
        command.Validators.Add(r =>
        {
            try
            {
                if (r.GetValue(server) is { Length: > 0 } url && !IsHttpsUrl(url))
                {
                    r.AddError($"--server: \"{url}\" is not an https:// URL");
                }
                if (r.GetValue(nodeIp) is { Length: > 0 } ip && !IsIpAddress(ip))
                {
                    r.AddError($"--node-ip: \"{ip}\" is not an IP address");
                }
            }
            catch (InvalidOperationException)
            {
                // A value that does not parse is reported by the parser itself.
            }
        });
        command.SetAction((parseResult, cancellationToken) => ExpectedErrors.ReportAsync(parseResult.InvocationConfiguration.Error, () =>
            RunAsync(new Uri(parseResult.GetValue(server)!), AgentToken.Parse(parseResult.GetValue(token)!), parseResult.GetValue(nodeIp), new KubeletOptions
            {
                AgentDir = Path.Combine(parseResult.GetValue(dataDir)!, "agent"),
                NodeName = parseResult.GetValue(nodeName) ?? Environment.MachineName.ToLowerInvariant(),
                ClusterDns = parseResult.GetValue(clusterDns)!,
                ClusterDomain = parseResult.GetValue(clusterDomain)!,
                ContainerRuntimeEndpoint = parseResult.GetValue(runtimeEndpoint),
                Port = parseResult.GetValue(kubeletPort),
                HostResolvConf = parseResult.GetValue(resolvConf)!,
                ImageDirs = [InProcessKubelet.BundledImagesDir],
            }, new NodeNetworkingSelection(
                Proxy: !parseResult.GetValue(disable)!.Contains("proxy", StringComparer.Ordinal),
                Dns: !parseResult.GetValue(disable)!.Contains("dns", StringComparer.Ordinal),
                Mode: parseResult.GetValue(proxyMode),
                ClusterCidr: parseResult.GetValue(clusterCidr)!,
                ClusterDns: parseResult.GetValue(clusterDns)!,
                ResolvConf: parseResult.GetValue(resolvConf)!), parseResult.GetValue(serviceCidr)!, cancellationToken)));
        return command;
    }

    // .NET also reads "10.0.0" as an address; a node IP must be written out in full.
    private static bool IsIpAddress(string text) =>
        IPAddress.TryParse(text, out var address) && (text.Contains(':', StringComparison.Ordinal) || address.ToString() == text);

    private static bool IsHttpsUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    private static async Task<int> RunAsync(Uri server, AgentToken token, string? nodeIp, KubeletOptions options, NodeNetworkingSelection networking,
        string serviceCidr, CancellationToken cancellationToken)
    {
        using var loggers = ConsoleLogging.Create();
        var logger = loggers.CreateLogger("agent");
        using var stop = new StopSignals(cancellationToken);
        var ip = nodeIp is { } given ? IPAddress.Parse(given) : NodeAddress.Detect();
        var credentials = await ClusterJoin.JoinAsync(server, token, options.NodeName, [ip, IPAddress.Loopback], logger, stop.Token);
        var kubeconfig = AgentCredentialFiles.Write(options.AgentDir, server, credentials);
        logger.LogInformation("Joined {Server} as node {Node} ({Ip}); kubeconfig {Kubeconfig}", server, options.NodeName, ip, kubeconfig);

        using var serving = X509Certificate2.CreateFromPem(credentials.ServingCertificate, credentials.ServingKey);
        using var clusterCa = X509Certificate2.CreateFromPem(credentials.CaCertificate);
        using var client = new Kubernetes(ComponentKubeconfig.Load(kubeconfig));
        options = options with { NodeIp = ip.ToString(), ServingCertificate = serving, ClientCaCertificate = clusterCa };
        await using (await RunningKubelet.StartAsync(client, options, loggers, stop.Token))
        // The node's proxy and DNS act as the node: the agent holds no other credentials.
        await using (await InProcessServiceNetworking.StartAsync(networking.Proxy ? client : null, networking.Dns ? client : null, new ServiceNetworkingOptions
        {
            NodeName = options.NodeName,
            NodeIp = ip,
            ProxyMode = networking.Mode,
            ClusterCidr = networking.ClusterCidr,
            ServiceCidr = serviceCidr,
            ClusterDns = networking.ClusterDns,
            ClusterDomain = options.ClusterDomain,
            ResolvConf = networking.ResolvConf,
        }, loggers, stop.Token, ownsClients: false))
        {
            await stop.WaitAsync();
            logger.LogInformation("Stopping");
        }
        return 0;
    }
}
