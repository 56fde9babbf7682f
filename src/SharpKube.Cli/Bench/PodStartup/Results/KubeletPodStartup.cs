namespace SharpKube.Cli.Bench.PodStartup.Results;

/// <summary>The kubelet's own account of one pod's start (<c>/debug/pods/startup</c>).</summary>
/// <param name="Uid">The pod's uid.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="FirstSeenToRunningMs">From the kubelet's informer delivering the pod to its first status write with phase Running; null if not yet.</param>
/// <param name="CriMs">Time inside CRI calls made by the pod's syncs until then.</param>
/// <param name="CriCalls">How many CRI calls those were.</param>
/// <param name="OverheadMs">The kubelet's own part: <paramref name="FirstSeenToRunningMs"/> − <paramref name="CriMs"/>.</param>
internal sealed record KubeletPodStartup(string Uid, string Name, double? FirstSeenToRunningMs, double CriMs, int CriCalls, double? OverheadMs);
