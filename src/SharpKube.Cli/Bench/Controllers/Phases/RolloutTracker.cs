using System.Diagnostics;
using System.Globalization;
using k8s.Models;
using SharpKube.Cli.Bench.Controllers.Workload;
using SharpKube.Client.Informers;

namespace SharpKube.Cli.Bench.Controllers.Phases;

/// <summary>
/// Follows the run's namespace through informers — Deployments, ReplicaSets, pods — and marks the milestones the
/// phases wait for as the watch events arrive: every ReplicaSet exists, every pod is created, every ReplicaSet and
/// Deployment reports the full replica count; after the deletes, every one is gone. The informers' handlers run
/// on their own loops, so the counts are kept under one lock.
/// </summary>
internal sealed class RolloutTracker
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _deploymentNames;
    private readonly int _replicas;
    private readonly long _pods;
    private readonly HashSet<string> _deployments = [];
    private readonly HashSet<string> _fullDeployments = [];
    private readonly HashSet<string> _replicaSets = [];
    private readonly HashSet<string> _fullReplicaSets = [];
    private readonly Dictionary<string, long> _replicaSetFullAt = [];
    private readonly HashSet<string> _podNames = [];
    private long _podsAdded;
    private long _maxPods;
    private long _firstPodAt;
    private long _lastPodAt;
    private bool _deleting;

    public RolloutTracker(BenchDeployments workload)
    {
        _deploymentNames = [.. Enumerable.Range(0, workload.Count).Select(BenchDeployments.Name)];
        _replicas = workload.Replicas;
        _pods = workload.Pods;
        AllReplicaSetsExist = new Milestone($"all {Count(workload.Count)} ReplicaSets exist");
        AllPodsCreated = new Milestone($"all {Count(_pods)} pods created");
        AllReplicaSetsFull = new Milestone($"all ReplicaSets report {BenchDeployments.ReplicasText(_replicas)}");
        AllDeploymentsFull = new Milestone($"all Deployments report {BenchDeployments.ReplicasText(_replicas)}");
        AllDeploymentsGone = new Milestone("all Deployments gone");
        AllReplicaSetsGone = new Milestone("all ReplicaSets gone");
        AllPodsGone = new Milestone("all pods gone");
    }

    public Milestone AllReplicaSetsExist { get; }

    public Milestone AllPodsCreated { get; }

    public Milestone AllReplicaSetsFull { get; }

    public Milestone AllDeploymentsFull { get; }

    public Milestone AllDeploymentsGone { get; }

    public Milestone AllReplicaSetsGone { get; }

    public Milestone AllPodsGone { get; }

    /// <summary>Registers the tracker's handlers; call before the informers run.</summary>
    public void Attach(SharedInformer<V1Deployment> deployments, SharedInformer<V1ReplicaSet> replicaSets, SharedInformer<V1Pod> pods)
    {
        deployments.AddEventHandler(new ResourceEventHandler<V1Deployment>
        {
            OnAdd = d => Update(() => SeeDeployment(d)),
            OnUpdate = (_, d) => Update(() => SeeDeployment(d)),
            OnDelete = d => Update(() => ForgetDeployment(d.Metadata.Name)),
        });
        replicaSets.AddEventHandler(new ResourceEventHandler<V1ReplicaSet>
        {
            OnAdd = rs => Update(() => SeeReplicaSet(rs)),
            OnUpdate = (_, rs) => Update(() => SeeReplicaSet(rs)),
            OnDelete = rs => Update(() => ForgetReplicaSet(rs.Metadata.Name)),
        });
        pods.AddEventHandler(new ResourceEventHandler<V1Pod>
        {
            OnAdd = p => Update(() => SeePod(p.Metadata.Name)),
            OnDelete = p => Update(() => _podNames.Remove(p.Metadata.Name)),
        });
    }

    /// <summary>From now on, the counts reaching zero mark the deletion milestones.</summary>
    public void StartDeletion() => Update(() => _deleting = true);

    /// <summary>Pods seen created in the namespace (watch ADDED events), counted once each.</summary>
    public long PodsCreated
    {
        get
        {
            lock (_lock)
            {
                return _podsAdded;
            }
        }
    }

    /// <summary>The most pods that existed at once: more than the replicas asked for means a controller over-created.</summary>
    public long MaxPodsAtOnce
    {
        get
        {
            lock (_lock)
            {
                return _maxPods;
            }
        }
    }

    /// <summary>When the first and the last pod were seen created (<see cref="Stopwatch"/> timestamps; 0 before any).</summary>
    public (long First, long Last) PodCreationSpan()
    {
        lock (_lock)
        {
            return (_firstPodAt, _lastPodAt);
        }
    }

    /// <summary>ReplicaSets seen at the full replica count, with the timestamp each first reported it.</summary>
    public IReadOnlyList<long> ReplicaSetFullTimestamps()
    {
        lock (_lock)
        {
            return [.. _replicaSetFullAt.Values];
        }
    }

    /// <summary>How far the namespace is, in words, for progress lines and timeout errors.</summary>
    public string Describe()
    {
        lock (_lock)
        {
            return $"{Count(_deployments.Count)} Deployments ({Count(_fullDeployments.Count)} at {BenchDeployments.ReplicasText(_replicas)}), " +
                $"{Count(_replicaSets.Count)} ReplicaSets ({Count(_fullReplicaSets.Count)} at {BenchDeployments.ReplicasText(_replicas)}), " +
                $"{Count(_podNames.Count)} pods (of {Count(_pods)} per rollout)";
        }
    }

    private void Update(Action change)
    {
        lock (_lock)
        {
            change();
            if (_replicaSets.Count >= _deploymentNames.Count)
            {
                AllReplicaSetsExist.Reach();
            }

            if (_podNames.Count >= _pods)
            {
                AllPodsCreated.Reach();
            }

            if (_fullReplicaSets.Count >= _deploymentNames.Count)
            {
                AllReplicaSetsFull.Reach();
            }

            if (_fullDeployments.Count >= _deploymentNames.Count)
            {
                AllDeploymentsFull.Reach();
            }

            if (_deleting)
            {
                ReachIf(_deployments.Count == 0, AllDeploymentsGone);
                ReachIf(_replicaSets.Count == 0, AllReplicaSetsGone);
                ReachIf(_podNames.Count == 0, AllPodsGone);
            }
        }
    }

    private static void ReachIf(bool condition, Milestone milestone)
    {
        if (condition)
        {
            milestone.Reach();
        }
    }

    private void SeeDeployment(V1Deployment deployment)
    {
        var name = deployment.Metadata.Name;
        if (!_deploymentNames.Contains(name))
        {
            return;
        }

        _deployments.Add(name);
        var status = deployment.Status;
        var full = status is not null && status.Replicas == _replicas && status.UpdatedReplicas == _replicas
            && status.ObservedGeneration >= deployment.Metadata.Generation;
        SetMember(_fullDeployments, name, full);
    }

    private void ForgetDeployment(string name)
    {
        _deployments.Remove(name);
        _fullDeployments.Remove(name);
    }

    private void SeeReplicaSet(V1ReplicaSet replicaSet)
    {
        var owner = replicaSet.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        if (owner is not { Kind: "Deployment" } || !_deploymentNames.Contains(owner.Name))
        {
            return;
        }

        var name = replicaSet.Metadata.Name;
        _replicaSets.Add(name);
        var full = replicaSet.Spec?.Replicas == _replicas && replicaSet.Status?.Replicas == _replicas;
        SetMember(_fullReplicaSets, name, full);
        if (full)
        {
            _replicaSetFullAt.TryAdd(name, Stopwatch.GetTimestamp());
        }
    }

    private void ForgetReplicaSet(string name)
    {
        _replicaSets.Remove(name);
        _fullReplicaSets.Remove(name);
    }

    private void SeePod(string name)
    {
        if (!_podNames.Add(name))
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        _podsAdded++;
        _maxPods = Math.Max(_maxPods, _podNames.Count);
        _firstPodAt = _firstPodAt == 0 ? now : _firstPodAt;
        _lastPodAt = now;
    }

    private static void SetMember(HashSet<string> set, string name, bool member)
    {
        if (member)
        {
            set.Add(name);
        }
        else
        {
            set.Remove(name);
        }
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
