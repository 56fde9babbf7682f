using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.SchedulingGates;

/// <summary>
/// PreEnqueue: a pod with <c>spec.schedulingGates</c> stays out of the active queue ("gated") until its last gate is
/// removed; that update of the pod is the event that brings it in.
/// </summary>
public sealed class SchedulingGatesPlugin : IPreEnqueuePlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "SchedulingGates";

    private static readonly ClusterEvent[] Events =
        [new(EventResource.Pod, ActionType.UpdatePodSchedulingGatesEliminated, "PodSchedulingGatesEliminated")];

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public Status PreEnqueue(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.SchedulingGates.Count == 0
            ? Status.Success
            : Status.Unresolvable(PluginName, $"waiting for scheduling gates: [{string.Join(" ", pod.SchedulingGates)}]");
    }

    /// <inheritdoc/>
    public IReadOnlyList<ClusterEvent> EventsToRegister() => Events;
}
