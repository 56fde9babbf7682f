using System.Net;
using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.ApiServer.Hosting;
using SharpKube.ApiServer.Pki;
using SharpKube.Kubelet.Hosting;
using SharpKube.Kubelet.Node;

namespace SharpKube.Cli.Commands;

/// <summary>
/// The kubelet inside <c>sharpkube server</c>: a client of the API server over HTTPS like any other, as
/// <c>system:node:&lt;name&gt;</c> (group <c>system:nodes</c>) through <c>&lt;data-dir&gt;/kubelet.kubeconfig</c>, with its
/// managed containerd under <c>&lt;data-dir&gt;/agent</c>. The images next to the sharpkube binary (<c>images/*.tar</c>, the
/// busybox test image) are imported with the agent's own.
/// </summary>
internal sealed class InProcessKubelet : IAsyncDisposable
{
    private readonly Kubernetes _client;
    private readonly RunningKubelet _kubelet;

    private InProcessKubelet(Kubernetes client, RunningKubelet kubelet, IPAddress nodeIp)
    {
        _client = client;
        _kubelet = kubelet;
        NodeIp = nodeIp;
    }

    /// <summary>The node's InternalIP, given or detected.</summary>
    public IPAddress NodeIp { get; }

    /// <summary>The kubeconfig file the kubelet uses, in the data directory.</summary>
    public static string KubeconfigPath(string dataDir) => Path.Combine(dataDir, "kubelet.kubeconfig");

    /// <summary>The image archives shipped next to the executable (<c>bin/images</c> in a build).</summary>
    public static string BundledImagesDir => Path.Combine(AppContext.BaseDirectory, "images");

    /// <summary>Writes the kubelet's kubeconfig for <paramref name="server"/> and starts the kubelet; returns once its Node is registered.</summary>
    public static async Task<InProcessKubelet> StartAsync(RunningApiServer server, string dataDir, KubeletOptions options, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var credentials = server.Pki.IssueClientCertificate("system:node:" + options.NodeName, ["system:nodes"]);
        var kubeconfig = KubeconfigPath(dataDir);
        KubeconfigFile.ForClientCertificate(server.Url, server.Pki.CaCertificatePem, credentials).WriteTo(kubeconfig);
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var nodeIp = options.NodeIp is { } given ? IPAddress.Parse(given) : NodeAddress.Detect();
        options = options with
        {
            NodeIp = nodeIp.ToString(),
            ServingCertificate = server.Pki.IssueKubeletServingCertificate(options.NodeName, [nodeIp, IPAddress.Loopback]),
            ClientCaCertificate = server.Pki.CaCertificate,
        };
        try
        {
            return new InProcessKubelet(client, await RunningKubelet.StartAsync(client, options, loggers, cancellationToken).ConfigureAwait(false), nodeIp);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Stops the kubelet and its managed containerd; pods keep running and are adopted on the next start.</summary>
    public async ValueTask DisposeAsync()
    {
        await _kubelet.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }
}
