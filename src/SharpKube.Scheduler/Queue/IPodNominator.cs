using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Queue;

/// <summary>
/// The pods nominated to nodes by preemption, so that filtering on those nodes counts them as if they were there
/// (<see cref="PodNominator"/>; <see cref="NoPodNominator"/> for a scheduler without preemption).
/// </summary>
public interface IPodNominator
{
    /// <summary>Nominates <paramref name="pod"/> to <paramref name="nodeName"/> (or clears its nomination when empty).</summary>
    void AddNominatedPod(PodInfo pod, string nodeName);

    /// <summary>Forgets <paramref name="pod"/>'s nomination.</summary>
    void DeleteNominatedPodIfExists(PodInfo pod);

    /// <summary>The pods nominated to <paramref name="nodeName"/>.</summary>
    IReadOnlyList<PodInfo> NominatedPodsForNode(string nodeName);

    /// <summary>The node <paramref name="pod"/> is nominated to ("" when none).</summary>
    string NominatedNodeName(PodInfo pod) => "";
}
