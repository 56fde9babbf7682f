using System.CommandLine;
using System.Net;
using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.Dns.Forwarding;
using SharpKube.Dns.Hosting;

namespace SharpKube.Cli.Commands;

/// <summary>
/// <c>sharpkube dns --kubeconfig F</c>: the cluster DNS alone, against any API server. Serves the cluster domain
/// from Services and EndpointSlices on UDP and TCP, forwards other names upstream (resolv.conf by default), serves
/// <c>/metrics</c>, <c>/health</c> and <c>/ready</c> on their own ports (0 turns one off), and with
/// <c>--register-service</c> keeps the <c>kube-system/kube-dns</c> Service and this node's EndpointSlice for it.
/// </summary>
internal static class DnsCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string>("--kubeconfig") { Description = "The kubeconfig to reach the API server with", HelpName = "FILE", Required = true };
        var bindAddress = ListOption("--bind-address", "The addresses to serve DNS on (repeatable or comma separated)", "IP", "0.0.0.0");
        var port = new Option<int>("--port") { Description = "The DNS port (UDP and TCP)", HelpName = "PORT", DefaultValueFactory = _ => 53 };
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "The cluster domain", HelpName = "DOMAIN", DefaultValueFactory = _ => "cluster.local" };
        var upstream = ListOption("--upstream", "Upstream resolvers for names outside the cluster (default: the nameservers of /etc/resolv.conf)", "IP[:PORT]");
        var serviceCidr = new Option<string>("--service-cidr") { Description = "The service network, whose reverse zone is answered locally", HelpName = "CIDR", DefaultValueFactory = _ => "10.43.0.0/16" };
        var clusterCidr = new Option<string>("--cluster-cidr") { Description = "The pod network, whose reverse zone is answered locally", HelpName = "CIDR", DefaultValueFactory = _ => "10.42.0.0/16" };
        var metricsPort = PortOption("--metrics-port", "The port of /metrics (0: off)", 9153);
        var healthPort = PortOption("--health-port", "The port of /health (0: off)", 8080);
        var readyPort = PortOption("--ready-port", "The port of /ready (0: off)", 8181);
        var register = new Option<bool>("--register-service") { Description = "Keep the kube-system/kube-dns Service and this node's EndpointSlice for it" };
        var nodeName = new Option<string?>("--node-name") { Description = "This node's name (for --register-service)", HelpName = "NAME" };
        var nodeIp = new Option<string?>("--node-ip") { Description = "The node address DNS is reached at (for --register-service)", HelpName = "IP" };
        var clusterDns = new Option<string>("--cluster-dns") { Description = "The kube-dns Service's cluster IP", HelpName = "IP", DefaultValueFactory = _ => "10.43.0.10" };
        var command = new Command("dns", "Run the cluster DNS alone against an API server")
        {
            kubeconfig, bindAddress, port, clusterDomain, upstream, serviceCidr, clusterCidr, metricsPort, healthPort, readyPort, register, nodeName, nodeIp, clusterDns,
        };
        command.Validators.Add(r =>
        {
            try
            {
                if (r.GetValue(kubeconfig) is { Length: > 0 } path && !File.Exists(path))
                {
                    r.AddError($"--kubeconfig: there is no file \"{path}\"");
                }
                foreach (var address in r.GetValue(bindAddress) ?? [])
                {
                    if (!IPAddress.TryParse(address, out _))
                    {
                        r.AddError($"--bind-address: \"{address}\" is not an IP address");
                    }
                }
                foreach (var server in r.GetValue(upstream) ?? [])
                {
                    if (!IPEndPoint.TryParse(server, out _))
                    {
                        r.AddError($"--upstream: \"{server}\" is not IP or IP:PORT");
                    }
                }
                foreach (var (option, value) in new[] { (serviceCidr, r.GetValue(serviceCidr)), (clusterCidr, r.GetValue(clusterCidr)) })
                {
                    if (value is not null && !IPNetwork.TryParse(value, out _))
                    {
                        r.AddError($"{option.Name}: \"{value}\" is not a CIDR");
                    }
                }
                if (r.GetValue(port) is < 0 or > 65535)
                {
                    r.AddError("--port: not a port number");
                }
                if (r.GetValue(clusterDns) is { } dnsIp && !IPAddress.TryParse(dnsIp, out _))
                {
                    r.AddError($"--cluster-dns: \"{dnsIp}\" is not an IP address");
                }
                if (r.GetValue(register))
                {
                    if (string.IsNullOrEmpty(r.GetValue(nodeName)))
                    {
                        r.AddError("--register-service needs --node-name");
                    }
                    if (!IPAddress.TryParse(r.GetValue(nodeIp), out _))
                    {
                        r.AddError("--register-service needs --node-ip with an IP address");
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
            var upstreams = parseResult.GetValue(upstream) ?? [];
            var options = new DnsOptions
            {
                ListenAddresses = [.. (parseResult.GetValue(bindAddress) ?? []).Select(IPAddress.Parse)],
                Port = parseResult.GetValue(port),
                ClusterDomain = parseResult.GetValue(clusterDomain)!,
                Upstreams = upstreams.Length == 0 ? null : [.. upstreams.Select(ResolvConf.ParseUpstream)],
                ReverseNetworks = [IPNetwork.Parse(parseResult.GetValue(serviceCidr)!), IPNetwork.Parse(parseResult.GetValue(clusterCidr)!)],
                MetricsPort = OffWhenZero(parseResult.GetValue(metricsPort)),
                HealthPort = OffWhenZero(parseResult.GetValue(healthPort)),
                ReadyPort = OffWhenZero(parseResult.GetValue(readyPort)),
                RegisterService = parseResult.GetValue(register),
                NodeName = parseResult.GetValue(nodeName),
                NodeIp = parseResult.GetValue(nodeIp) is { } ip ? IPAddress.Parse(ip) : null,
                ClusterDnsIp = IPAddress.Parse(parseResult.GetValue(clusterDns)!),
            };
            return RunAsync(parseResult.GetValue(kubeconfig)!, options, cancellationToken);
        }));
        return command;
    }

    private static int? OffWhenZero(int port) => port == 0 ? null : port;

    private static Option<int> PortOption(string name, string description, int defaultPort) => new(name)
    {
        Description = description,
        HelpName = "PORT",
        DefaultValueFactory = _ => defaultPort,
    };

    private static Option<string[]> ListOption(string name, string description, string helpName, params string[] defaults) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
        DefaultValueFactory = _ => defaults,
    };

    private static async Task<int> RunAsync(string kubeconfig, DnsOptions options, CancellationToken cancellationToken)
    {
        var configuration = ComponentKubeconfig.Load(kubeconfig);
        using var loggers = ConsoleLogging.Create();
        using var stop = new StopSignals(cancellationToken);
        using var client = new Kubernetes(configuration);
        await ClusterDns.RunAsync(client, options, loggers, stop.Token);
        loggers.CreateLogger("dns").LogInformation("Stopping");
        return 0;
    }
}
