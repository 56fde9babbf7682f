namespace SharpKube.Kubelet.Hosting;

/// <summary>What a kubelet needs to know about its node and cluster; the defaults are k3s's (DESIGN.md §4).</summary>
public sealed record KubeletOptions
{
    /// <summary>The Node's name (default: the machine's hostname, lower-cased).</summary>
    public string NodeName { get; init; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>
    /// The agent's state directory (<c>&lt;data-dir&gt;/agent</c>): the managed containerd, the CNI configuration, pod
    /// volumes and pod logs live under it.
    /// </summary>
    public required string AgentDir { get; init; }

    /// <summary>A CRI endpoint (<c>unix:///path</c>) to use instead of starting a managed containerd.</summary>
    public string? ContainerRuntimeEndpoint { get; init; }

    /// <summary>The cluster DNS service address pods resolve names through.</summary>
    public string ClusterDns { get; init; } = "10.43.0.10";

    /// <summary>The cluster's DNS domain.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>The node's InternalIP; null picks the address of the interface of the default route.</summary>
    public string? NodeIp { get; init; }

    /// <summary>Labels the Node is registered with, besides the hostname, OS and architecture labels.</summary>
    public IReadOnlyDictionary<string, string> NodeLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>The port of the kubelet's HTTPS server, reported in the Node's daemon endpoints.</summary>
    public int Port { get; init; } = 10250;

    /// <summary>The most pods the node runs (its <c>pods</c> capacity).</summary>
    public int MaxPods { get; init; } = 110;

    /// <summary>How often the Lease is renewed (upstream's 10 s).</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the Lease is valid (upstream's 40 s).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>How often node status is computed (upstream's nodeStatusUpdateFrequency, 10 s); it is written only when it changed or every <see cref="NodeStatusReportInterval"/>.</summary>
    public TimeSpan NodeStatusUpdateInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often unchanged node status is written anyway (upstream's nodeStatusReportFrequency, 5 min).</summary>
    public TimeSpan NodeStatusReportInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often every pod is synced even when nothing was observed to change (upstream's syncFrequency is 1 min).</summary>
    public TimeSpan PodResyncInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the runtime is relisted to notice containers that changed state (upstream's PLEG: 1 s).</summary>
    public TimeSpan RelistInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The Linux bridge pods are attached to (upstream's and k3s's <c>cni0</c>); two clusters on one machine need two.</summary>
    public string CniBridge { get; init; } = "cni0";

    /// <summary>The host's resolv.conf, the source of <c>dnsPolicy: Default</c>.</summary>
    public string HostResolvConf { get; init; } = "/etc/resolv.conf";

    /// <summary>The certificate (with its key) the kubelet's HTTPS server presents; null makes a self-signed one.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ServingCertificate { get; init; }

    /// <summary>The CA whose client certificates the kubelet's HTTPS server accepts (the cluster CA: it signs the API server's kubelet client certificate).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCaCertificate { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where pod directories (volumes, the managed hosts file) live.</summary>
    public string PodsDir => Path.Combine(AgentDir, "pods");

    /// <summary>Where container logs live (upstream's /var/log/pods).</summary>
    public string PodLogsDir => Path.Combine(AgentDir, "logs", "pods");

    /// <summary>More directories of image archives to import at start (e.g. the images next to the sharpkube binary).</summary>
    public IReadOnlyList<string> ImageDirs { get; init; } = [];

    /// <summary>Static pod manifests (upstream's staticPodPath): pods the kubelet runs whatever the API server holds.</summary>
    public string StaticPodsDir => Path.Combine(AgentDir, "pod-manifests");

    /// <summary>How often the static pod manifests are read again (upstream's fileCheckFrequency is 20 s).</summary>
    public TimeSpan StaticPodsInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Image archives imported into the runtime at start.</summary>
    public string ImagesDir => Path.Combine(AgentDir, "images");
}
