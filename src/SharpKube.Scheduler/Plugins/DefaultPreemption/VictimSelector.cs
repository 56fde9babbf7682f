using k8s.Models;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// The dry run of preemption on one node (upstream's <c>SelectVictimsOnNode</c>), on a clone of the node and of the
/// cycle state: take every lower-priority pod off; if the preemptor then fits, put them back one by one, most
/// important first (those a PodDisruptionBudget protects before the others), keeping each that still lets the
/// preemptor fit. What could not be put back are the victims.
/// </summary>
internal static class VictimSelector
{
    /// <summary>The reason of a node where no pod has a lower priority than the preemptor.</summary>
    public const string NoVictims = "No preemption victims found for incoming pod";

    /// <summary>
    /// The victims on <paramref name="node"/> (a clone, changed here) for <paramref name="preemptor"/>, with
    /// <paramref name="state"/> (a clone, changed here): Success with at least one victim, or why the node cannot help.
    /// </summary>
    public static Status Select(SchedulingFramework framework, CycleState state, PodInfo preemptor, NodeInfo node,
        IReadOnlyList<V1PodDisruptionBudget> budgets, out List<PodInfo> victims, out int numViolatingVictims)
    {
        victims = [];
        numViolatingVictims = 0;
        var potential = new List<PodInfo>();
        foreach (var pod in node.Pods.ToArray())
        {
            if (pod.Priority < preemptor.Priority)
            {
                potential.Add(pod);
                var removed = Remove(framework, state, preemptor, pod, node);
                if (!removed.IsSuccess)
                {
                    return removed;
                }
            }
        }
        if (potential.Count == 0)
        {
            return Status.Unresolvable(null, NoVictims);
        }
        var fits = framework.RunFilterPluginsWithNominatedPods(state, preemptor, node);
        if (!fits.IsSuccess)
        {
            return fits;
        }
        potential.Sort(PodImportance.MostImportantFirst);
        var (violating, nonViolating) = DisruptionBudgets.Split(potential, budgets);
        foreach (var pod in violating)
        {
            var reprieve = TryReprieve(framework, state, preemptor, pod, node, victims, out var reprieved);
            if (!reprieve.IsSuccess)
            {
                return reprieve;
            }
            if (!reprieved)
            {
                numViolatingVictims++;
            }
        }
        foreach (var pod in nonViolating)
        {
            var reprieve = TryReprieve(framework, state, preemptor, pod, node, victims, out _);
            if (!reprieve.IsSuccess)
            {
                return reprieve;
            }
        }
        if (violating.Count > 0 && nonViolating.Count > 0)
        {
            victims.Sort(PodImportance.MostImportantFirst);
        }
        return Status.Success;
    }

    private static Status TryReprieve(SchedulingFramework framework, CycleState state, PodInfo preemptor, PodInfo pod, NodeInfo node,
        List<PodInfo> victims, out bool reprieved)
    {
        reprieved = false;
        node.AddPod(pod);
        var added = framework.RunPreFilterExtensionAddPod(state, preemptor, pod, node);
        if (!added.IsSuccess)
        {
            return added;
        }
        reprieved = framework.RunFilterPluginsWithNominatedPods(state, preemptor, node).IsSuccess;
        if (reprieved)
        {
            return Status.Success;
        }
        victims.Add(pod);
        return Remove(framework, state, preemptor, pod, node);
    }

    private static Status Remove(SchedulingFramework framework, CycleState state, PodInfo preemptor, PodInfo pod, NodeInfo node)
    {
        node.RemovePod(pod.Uid);
        return framework.RunPreFilterExtensionRemovePod(state, preemptor, pod, node);
    }
}
