namespace SharpKube.Kubelet.Stats;

/// <summary>Where the stats of a node and its pods are read from.</summary>
public sealed record SummaryProviderOptions
{
    /// <summary>The Node's name.</summary>
    public required string NodeName { get; init; }

    /// <summary>The kubelet's directory: the node's <c>fs</c> is the filesystem holding it.</summary>
    public required string RootDirectory { get; init; }

    /// <summary>The runtime's state directory (containerd's root): its filesystem is the <c>imageFs</c>; the root directory's when null.</summary>
    public string? ImageFsDirectory { get; init; }

    /// <summary>Where pod logs live (<c>&lt;namespace&gt;_&lt;name&gt;_&lt;uid&gt;/&lt;container&gt;/</c>); no log figures when null.</summary>
    public string? PodLogsDirectory { get; init; }

    /// <summary>Where pod directories live (<c>&lt;uid&gt;/volumes/…</c>); no volume figures when null.</summary>
    public string? PodsDirectory { get; init; }

    /// <summary>The cgroup holding every pod's cgroup, with its <c>burstable</c> and <c>besteffort</c> children (upstream's <c>/kubepods</c>).</summary>
    public string PodsCgroup { get; init; } = "/kubepods";

    /// <summary>The cgroup filesystem's mount point.</summary>
    public string CgroupRoot { get; init; } = CgroupReader.DefaultRoot;

    /// <summary>procfs's mount point.</summary>
    public string ProcRoot { get; init; } = ProcStats.DefaultRoot;

    /// <summary>How often CPU counters are sampled for usage rates (upstream's housekeeping: 10 s).</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
