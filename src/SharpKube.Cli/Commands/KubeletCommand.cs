using System.CommandLine;
using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.Kubelet.Hosting;

namespace SharpKube.Cli.Commands;

/// <summary>
/// <c>sharpkube kubelet --kubeconfig F</c>: the kubelet alone, against any API server: it registers its Node, renews its
/// Lease and runs the pods bound to it on a managed containerd (under <c>&lt;data-dir&gt;/agent</c>) or on the CRI runtime
/// at <c>--container-runtime-endpoint</c>. It stops on SIGINT or SIGTERM, leaving the pods' containers running for the
/// next start to adopt.
/// </summary>
internal static class KubeletCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string>("--kubeconfig")
        {
            Description = "The kubeconfig to reach the API server with (its identity should be system:node:<node-name>)",
            HelpName = "FILE",
            Required = true,
        };
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Where the agent keeps its state (<data-dir>/agent: the managed containerd, pod volumes and logs)",
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
        var port = new Option<int>("--port")
        {
            Description = "The port of the kubelet's HTTPS server (logs, metrics)",
            HelpName = "PORT",
            DefaultValueFactory = _ => 10250,
        };
        // Not an upstream flag: two clusters on one machine (tests, benchmarks) need two pod bridges.
        var cniBridge = new Option<string>("--cni-bridge")
        {
            Description = "The Linux bridge pods are attached to",
            HelpName = "NAME",
            DefaultValueFactory = _ => "cni0",
            Hidden = true,
        };
        var command = new Command("kubelet", "Run the kubelet alone against an API server")
        {
            kubeconfig, dataDir, nodeName, nodeIp, clusterDns, clusterDomain, runtimeEndpoint, port, cniBridge,
        };
        command.Validators.Add(r =>
        {
            try
            {
                if (r.GetValue(kubeconfig) is { Length: > 0 } path && !File.Exists(path))
                {
                    r.AddError($"--kubeconfig: there is no file \"{path}\"");
                }
                if (r.GetValue(port) is < 1 or > 65535)
                {
                    r.AddError("--port must be between 1 and 65535");
                }
            }
            catch (InvalidOperationException)
            {
                // A value that does not parse is reported by the parser itself.
            }
        });
        command.SetAction((parseResult, cancellationToken) => ExpectedErrors.ReportAsync(parseResult.InvocationConfiguration.Error, () =>
            RunAsync(parseResult.GetValue(kubeconfig)!, new KubeletOptions
            {
                AgentDir = Path.Combine(parseResult.GetValue(dataDir)!, "agent"),
                NodeName = parseResult.GetValue(nodeName) ?? Environment.MachineName.ToLowerInvariant(),
                NodeIp = parseResult.GetValue(nodeIp),
                ClusterDns = parseResult.GetValue(clusterDns)!,
                ClusterDomain = parseResult.GetValue(clusterDomain)!,
                ContainerRuntimeEndpoint = parseResult.GetValue(runtimeEndpoint),
                Port = parseResult.GetValue(port),
                CniBridge = parseResult.GetValue(cniBridge)!,
                ImageDirs = [InProcessKubelet.BundledImagesDir],
            }, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string kubeconfig, KubeletOptions options, CancellationToken cancellationToken)
    {
        var configuration = ComponentKubeconfig.Load(kubeconfig);
        // The CA that signed the API server's certificate signs its kubelet client certificate too (as in sharpkube server).
        options = options with { ClientCaCertificate = options.ClientCaCertificate ?? configuration.SslCaCerts?.FirstOrDefault() };
        using var loggers = ConsoleLogging.Create();
        var logger = loggers.CreateLogger("kubelet");
        using var stop = new StopSignals(cancellationToken);
        using var client = new Kubernetes(configuration);
        await using (await RunningKubelet.StartAsync(client, options, loggers, stop.Token))
        {
            await stop.WaitAsync();
            logger.LogInformation("Stopping");
        }
        return 0;
    }
}
