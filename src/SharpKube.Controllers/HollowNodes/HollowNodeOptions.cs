namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// What a fleet of hollow nodes looks like and how it behaves. The defaults give nodes of 32 CPUs, 256 Gi of memory
/// and 110 pods over three zones, with the kubelet's Lease and status cadence.
/// </summary>
public sealed record HollowNodeOptions
{
    /// <summary>The label every hollow node carries (value <c>true</c>), so tools and tests can tell them from real ones.</summary>
    public const string HollowNodeLabel = "sharpkube.io/hollow-node";

    /// <summary>How many nodes: <c>&lt;prefix&gt;0</c> … <c>&lt;prefix&gt;&lt;count−1&gt;</c>.</summary>
    public int Count { get; init; } = 1;

    /// <summary>The start of every node name; fleets running side by side need prefixes that give distinct names.</summary>
    public string NamePrefix { get; init; } = "hollow-node-";

    /// <summary>CPU capacity (and allocatable) of each node, a quantity.</summary>
    public string Cpu { get; init; } = "32";

    /// <summary>Memory capacity (and allocatable) of each node, a quantity.</summary>
    public string Memory { get; init; } = "256Gi";

    /// <summary>How many pods each node takes.</summary>
    public int Pods { get; init; } = 110;

    /// <summary>Ephemeral storage capacity (and allocatable) of each node, a quantity.</summary>
    public string EphemeralStorage { get; init; } = "100Gi";

    /// <summary>How many zones (<c>zone-a</c>, <c>zone-b</c>, …) the nodes are spread over, round-robin; 1–26.</summary>
    public int Zones { get; init; } = 3;

    /// <summary>The <c>topology.kubernetes.io/region</c> of every node.</summary>
    public string Region { get; init; } = "region-1";

    /// <summary>
    /// Where a node without <c>spec.podCIDR</c> (no node IPAM controller runs) takes its pod IPs: node <c>i</c> gets
    /// the <c>i</c>-th /24 of this IPv4 network (blocks repeat when there are more nodes than /24s).
    /// </summary>
    public string PodCidr { get; init; } = "10.244.0.0/16";

    /// <summary>The fake network the nodes' InternalIP addresses come from: node <c>i</c> gets its <c>(i+1)</c>-th address.</summary>
    public string NodeIpRange { get; init; } = "10.240.0.0/16";

    /// <summary>The kubelet version the nodes report (<c>status.nodeInfo.kubeletVersion</c>).</summary>
    public string KubeletVersion { get; init; } = "v1.32.0+hollow";

    /// <summary>Each Lease's <c>leaseDurationSeconds</c> (upstream kubelet: 40 s).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>How often each Lease is renewed (upstream kubelet: a quarter of the duration, 10 s).</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each node's status is posted when nothing changed (upstream's nodeStatusReportFrequency: 5 min).</summary>
    public TimeSpan NodeStatusReportFrequency { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether stopping the fleet deletes its Nodes and Leases; otherwise they stay and their Leases expire.</summary>
    public bool DeleteNodesOnExit { get; init; }

    /// <summary>How many nodes are registered (or deleted) at once.</summary>
    public int RegistrationParallelism { get; init; } = 16;

    /// <summary>
    /// Lease renewals (and, separately, node status posts) in flight at once; null (the default) takes one per 50
    /// nodes, 4 to 100. A fleet renews <c>count ÷ interval</c> Leases a second, so the workers must cover the API
    /// server's latency under load: 100 workers keep 5,000 nodes renewed every 10 s as long as a write takes under
    /// 200 ms.
    /// </summary>
    public int? LeaseWorkers { get; init; }

    /// <summary>Workers starting and removing pods.</summary>
    public int PodWorkers { get; init; } = 16;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The Lease (and node status) workers to run: <see cref="LeaseWorkers"/>, or one per 50 nodes, 4 to 100.</summary>
    public int EffectiveLeaseWorkers => LeaseWorkers ?? Math.Clamp(Count / 50, 4, 100);

    /// <summary>The name of node <paramref name="index"/>.</summary>
    public string NodeName(int index) => NamePrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
