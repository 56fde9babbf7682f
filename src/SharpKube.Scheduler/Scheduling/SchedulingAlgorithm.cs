using System.Buffers;
using SharpKube.Scheduler.Cache;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Scheduling;

/// <summary>
/// Picks a node for one pod (upstream's <c>schedulePod</c>): refresh the snapshot, PreFilter, Filter nodes (in parallel,
/// from a start index that rotates between cycles, until <see cref="FeasibleNodes.ToFind"/> fit), PreScore and Score
/// them, and take the best (a random one among equals). The node and status buffers are this object's and reused
/// every cycle; only the scheduling loop calls it, one pod at a time.
/// </summary>
public sealed class SchedulingAlgorithm
{
    private readonly SchedulerCache _cache;
    private readonly Snapshot _snapshot;
    private readonly Random _random;
    private readonly int? _percentageOfNodesToScore;
    private NodeInfo[] _feasible = [];
    private Status?[] _statuses = [];
    private int _nextStartNodeIndex;

    /// <summary>
    /// An algorithm over <paramref name="cache"/>'s nodes, copied into <paramref name="snapshot"/> each cycle;
    /// <paramref name="percentageOfNodesToScore"/> applies to profiles that set none.
    /// </summary>
    public SchedulingAlgorithm(SchedulerCache cache, Snapshot snapshot, Random? random = null, int? percentageOfNodesToScore = null)
    {
        _cache = cache;
        _snapshot = snapshot;
        _random = random ?? new Random();
        _percentageOfNodesToScore = percentageOfNodesToScore;
    }

    /// <summary>
    /// Finds a node for <paramref name="pod"/>. Success fills <paramref name="result"/>; a pod that fits nowhere
    /// gets an Unschedulable status carrying a <see cref="FitError"/>; no nodes at all is unresolvable.
    /// </summary>
    public Status Schedule(SchedulingFramework framework, CycleState state, PodInfo pod, out ScheduleResult result)
    {
        ArgumentNullException.ThrowIfNull(framework);
        result = default;
        _cache.UpdateSnapshot(_snapshot);
        var numAllNodes = _snapshot.NumNodes;
        if (numAllNodes == 0)
        {
            return Status.FromError(new NoNodesAvailableException(), code: StatusCode.UnschedulableAndUnresolvable);
        }
        var diagnosis = new Diagnosis();
        var status = FindNodesThatFit(framework, state, pod, diagnosis, out var feasibleCount, out var evaluated);
        if (!status.IsSuccess)
        {
            return status;
        }
        if (feasibleCount == 0)
        {
            var fitError = new FitError(pod, numAllNodes, diagnosis);
            return Status.FromError(fitError, code: StatusCode.Unschedulable);
        }
        var feasible = new ArraySegment<NodeInfo>(_feasible, 0, feasibleCount);
        if (feasibleCount == 1)
        {
            result = new ScheduleResult(feasible[0].Name, evaluated, 1);
            return Status.Success;
        }
        var totals = ArrayPool<long>.Shared.Rent(feasibleCount);
        try
        {
            Array.Clear(totals, 0, feasibleCount);
            status = Prioritize(framework, state, pod, feasible, totals);
            if (!status.IsSuccess)
            {
                return status;
            }
            result = new ScheduleResult(feasible[SelectHost(totals, feasibleCount)].Name, evaluated, feasibleCount);
            return Status.Success;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(totals);
            Array.Clear(_feasible, 0, feasibleCount);
        }
    }

    private Status FindNodesThatFit(SchedulingFramework framework, CycleState state, PodInfo pod, Diagnosis diagnosis,
        out int feasibleCount, out int evaluated)
    {
        feasibleCount = 0;
        evaluated = 0;
        IReadOnlyList<NodeInfo> allNodes = _snapshot.NodeInfos;
        var preFilter = framework.RunPreFilterPlugins(state, pod, allNodes);
        diagnosis.AddPluginNames(preFilter.PluginsWithNodes);
        if (!preFilter.Status.IsSuccess)
        {
            if (!preFilter.Status.IsRejected)
            {
                return preFilter.Status;
            }
            // Every node gets the PreFilter rejection; the summary shows its message once.
            diagnosis.AbsentNodesStatus = preFilter.Status;
            diagnosis.PreFilterMessage = preFilter.Status.Message;
            diagnosis.AddPluginStatus(preFilter.Status);
            return Status.Success;
        }
        if (TryNominatedNode(framework, state, pod, preFilter.Result, out var nominatedStatus) || !nominatedStatus.IsSuccess)
        {
            feasibleCount = nominatedStatus.IsSuccess ? 1 : 0;
            evaluated = feasibleCount;
            return nominatedStatus;
        }
        var nodes = allNodes;
        if (preFilter.Result is { } narrowed)
        {
            nodes = [.. narrowed.NodeNames.Select(_snapshot.Get).OfType<NodeInfo>()];
            diagnosis.AbsentNodesStatus = Status.Unresolvable(null,
                $"node(s) didn't satisfy plugin(s) [{string.Join(" ", preFilter.PluginsWithNodes.Order(StringComparer.Ordinal))}]");
        }
        return FindNodesThatPassFilters(framework, state, pod, diagnosis, nodes, out feasibleCount, out evaluated);
    }

    /// <summary>
    /// A pod nominated to a node by preemption tries that node first, as upstream's <c>evaluateNominatedNode</c>: if it
    /// fits there, it is the only feasible node (true); <paramref name="status"/> is an error that ends the cycle.
    /// </summary>
    private bool TryNominatedNode(SchedulingFramework framework, CycleState state, PodInfo pod, PreFilterResult? narrowed, out Status status)
    {
        status = Status.Success;
        var nodeName = framework.Handle.Nominator.NominatedNodeName(pod);
        if (nodeName.Length == 0)
        {
            nodeName = pod.Pod.Status?.NominatedNodeName ?? "";
        }
        if (nodeName.Length == 0 || _snapshot.Get(nodeName) is not { } node || (narrowed is not null && !narrowed.NodeNames.Contains(nodeName)))
        {
            return false;
        }
        var fit = framework.RunFilterPluginsWithNominatedPods(state, pod, node);
        if (fit.IsSuccess)
        {
            if (_feasible.Length == 0)
            {
                _feasible = new NodeInfo[1];
            }
            _feasible[0] = node;
            return true;
        }
        if (!fit.IsRejected)
        {
            status = fit;
        }
        return false;
    }

    private Status FindNodesThatPassFilters(SchedulingFramework framework, CycleState state, PodInfo pod, Diagnosis diagnosis,
        IReadOnlyList<NodeInfo> nodes, out int feasibleCount, out int evaluated)
    {
        var numAllNodes = nodes.Count;
        var toFind = FeasibleNodes.ToFind(framework.Profile.PercentageOfNodesToScore ?? _percentageOfNodesToScore, numAllNodes);
        if (_feasible.Length < toFind)
        {
            _feasible = new NodeInfo[Math.Max(toFind, _feasible.Length * 2)];
        }
        var start = numAllNodes == 0 ? 0 : _nextStartNodeIndex % numAllNodes;
        if (!framework.HasFilterPlugins)
        {
            for (var i = 0; i < toFind; i++)
            {
                _feasible[i] = nodes[(start + i) % numAllNodes];
            }
            feasibleCount = toFind;
            evaluated = toFind;
            _nextStartNodeIndex = (start + toFind) % Math.Max(numAllNodes, 1);
            return Status.Success;
        }
        if (_statuses.Length < numAllNodes)
        {
            _statuses = new Status?[Math.Max(numAllNodes, _statuses.Length * 2)];
        }
        var feasible = _feasible;
        var statuses = _statuses;
        var found = 0;
        var rejected = 0;
        Status? error = null;
        framework.Handle.Parallelizer.Until(numAllNodes, i =>
        {
            var node = nodes[(start + i) % numAllNodes];
            var status = framework.RunFilterPluginsWithNominatedPods(state, pod, node);
            if (status.IsSuccess)
            {
                var length = Interlocked.Increment(ref found);
                if (length > toFind)
                {
                    return false;
                }
                feasible[length - 1] = node;
                return length < toFind;
            }
            if (!status.IsRejected)
            {
                Interlocked.CompareExchange(ref error, status, null);
                return false;
            }
            statuses[i] = status;
            Interlocked.Increment(ref rejected);
            return true;
        });
        feasibleCount = Math.Min(found, toFind);
        evaluated = feasibleCount + rejected;
        if (rejected > 0)
        {
            if (feasibleCount == 0 && error is null)
            {
                for (var i = 0; i < numAllNodes; i++)
                {
                    if (statuses[i] is { } status)
                    {
                        diagnosis.NodeStatuses[nodes[(start + i) % numAllNodes].Name] = status;
                        diagnosis.AddPluginStatus(status);
                    }
                }
            }
            Array.Clear(statuses, 0, numAllNodes);
        }
        // The next cycle starts where this one stopped, so a large cluster's nodes all get their turn.
        _nextStartNodeIndex = (start + evaluated) % numAllNodes;
        return error ?? Status.Success;
    }

    private static Status Prioritize(SchedulingFramework framework, CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, long[] totals)
    {
        if (!framework.HasScorePlugins)
        {
            // Upstream gives every node 1: the pick is random.
            Array.Fill(totals, 1, 0, nodes.Count);
            return Status.Success;
        }
        var status = framework.RunPreScorePlugins(state, pod, nodes);
        return status.IsSuccess ? framework.RunScorePlugins(state, pod, nodes, totals) : status;
    }

    /// <summary>The index of the highest total; among equal ones each is equally likely (reservoir sampling).</summary>
    private int SelectHost(long[] totals, int count)
    {
        var selected = 0;
        var best = totals[0];
        var ties = 1;
        for (var i = 1; i < count; i++)
        {
            if (totals[i] > best)
            {
                (best, selected, ties) = (totals[i], i, 1);
            }
            else if (totals[i] == best && _random.Next(++ties) == 0)
            {
                selected = i;
            }
        }
        return selected;
    }
}
