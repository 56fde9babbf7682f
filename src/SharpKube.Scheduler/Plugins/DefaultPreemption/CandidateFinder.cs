using k8s.Models;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// Finds where preemption could help (upstream's <c>findCandidates</c> and <c>DryRunPreemption</c>): only nodes whose
/// rejection was Unschedulable (not UnschedulableAndUnresolvable) are tried, in parallel from a random offset, until
/// enough candidates are found (see <see cref="DefaultPreemptionArgs.NumCandidates"/>); candidates that violate no
/// PodDisruptionBudget come first.
/// </summary>
internal sealed class CandidateFinder
{
    private readonly SchedulingFramework _framework;
    private readonly DefaultPreemptionArgs _args;
    private readonly IReadOnlyList<V1PodDisruptionBudget> _budgets;

    public CandidateFinder(SchedulingFramework framework, DefaultPreemptionArgs args, IReadOnlyList<V1PodDisruptionBudget> budgets)
    {
        _framework = framework;
        _args = args;
        _budgets = budgets;
    }

    /// <summary>
    /// Where preempting could help; when nowhere, <paramref name="diagnosis"/> says why per node, <paramref name="error"/>
    /// any internal error, and <paramref name="anyNodeMightHelp"/> whether any node was worth a dry run at all.
    /// </summary>
    public List<PreemptionCandidate> Find(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, IReadOnlyDictionary<string, Status> nodeStatuses,
        out Diagnosis diagnosis, out Status? error, out bool anyNodeMightHelp)
    {
        diagnosis = new Diagnosis();
        error = null;
        anyNodeMightHelp = false;
        var potential = new List<NodeInfo>();
        var notHelpful = Status.Unresolvable(null, DefaultPreemptionPlugin.NotHelpful);
        foreach (var node in nodes)
        {
            if (nodeStatuses.GetValueOrDefault(node.Name) is { Code: StatusCode.Unschedulable })
            {
                potential.Add(node);
            }
            else
            {
                diagnosis.NodeStatuses[node.Name] = notHelpful;
            }
        }
        if (potential.Count == 0)
        {
            return [];
        }
        anyNodeMightHelp = true;
        var offset = Random.Shared.Next(potential.Count);
        var wanted = _args.NumCandidates(potential.Count);
        var nonViolating = new List<PreemptionCandidate>();
        var violating = new List<PreemptionCandidate>();
        var statuses = diagnosis.NodeStatuses;
        var sync = new Lock();
        Status? firstError = null;
        _framework.Handle.Parallelizer.Until(potential.Count, i =>
        {
            var node = potential[(offset + i) % potential.Count];
            var status = VictimSelector.Select(_framework, state.Clone(), pod, node.Clone(), _budgets, out var victims, out var violations);
            lock (sync)
            {
                if (status.IsSuccess && victims.Count > 0)
                {
                    (violations > 0 ? violating : nonViolating).Add(new PreemptionCandidate(node.Name, victims, violations));
                    return nonViolating.Count + violating.Count < wanted;
                }
                if (status.IsSuccess)
                {
                    status = Status.FromError(new InvalidOperationException($"expected at least one victim pod on node \"{node.Name}\""));
                }
                if (!status.IsRejected)
                {
                    firstError ??= status;
                }
                statuses[node.Name] = status;
                return true;
            }
        });
        error = firstError;
        nonViolating.AddRange(violating);
        return nonViolating;
    }
}
