using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Queue;

/// <summary>The nominator of a scheduler without preemption (and of tests): nothing is ever nominated.</summary>
public sealed class NoPodNominator : IPodNominator
{
    /// <summary>The one instance.</summary>
    public static readonly NoPodNominator Instance = new();

    private NoPodNominator()
    {
    }

    /// <inheritdoc/>
    public void AddNominatedPod(PodInfo pod, string nodeName)
    {
    }

    /// <inheritdoc/>
    public void DeleteNominatedPodIfExists(PodInfo pod)
    {
    }

    /// <inheritdoc/>
    public IReadOnlyList<PodInfo> NominatedPodsForNode(string nodeName) => [];
}
