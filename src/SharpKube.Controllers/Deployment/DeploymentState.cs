using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// What one sync knows about a Deployment: the Deployment and the ReplicaSets it owns, each as last read from the
/// cache or returned by the server after this sync wrote it (so later steps of the sync see earlier writes), and
/// the pods of each ReplicaSet by the ReplicaSet's uid.
/// </summary>
internal sealed class DeploymentState
{
    private readonly List<V1ReplicaSet> _replicaSets;

    // Canonical templates, computed once per object version this sync holds (found by reference).
    private readonly Dictionary<V1ReplicaSet, byte[]> _templates = new(ReferenceEqualityComparer.Instance);
    private V1Deployment? _templateOwner;
    private byte[] _deploymentTemplate = [];

    /// <summary>The state of the Deployment with the given queue key.</summary>
    public DeploymentState(string key, V1Deployment deployment, List<V1ReplicaSet> replicaSets,
        IReadOnlyDictionary<string, List<V1Pod>> podsByReplicaSet)
    {
        Key = key;
        Deployment = deployment;
        _replicaSets = replicaSets;
        PodsByReplicaSet = podsByReplicaSet;
    }

    /// <summary>The Deployment's queue key.</summary>
    public string Key { get; }

    /// <summary>The Deployment (a private copy): replaced by the server's answer after each write.</summary>
    public V1Deployment Deployment { get; set; }

    /// <summary>Every ReplicaSet the Deployment owns.</summary>
    public IReadOnlyList<V1ReplicaSet> ReplicaSets => _replicaSets;

    /// <summary>The pods whose controller is each owned ReplicaSet, by the ReplicaSet's uid.</summary>
    public IReadOnlyDictionary<string, List<V1Pod>> PodsByReplicaSet { get; }

    /// <summary>Records a ReplicaSet as the server returned it after a write (or a create).</summary>
    public void Track(V1ReplicaSet written)
    {
        var index = _replicaSets.FindIndex(rs => rs.Metadata.Uid == written.Metadata.Uid);
        if (index >= 0)
        {
            _replicaSets[index] = written;
        }
        else
        {
            _replicaSets.Add(written);
        }
    }

    /// <summary>Forgets a deleted ReplicaSet.</summary>
    public void Forget(V1ReplicaSet deleted) => _replicaSets.RemoveAll(rs => rs.Metadata.Uid == deleted.Metadata.Uid);

    /// <summary>The current version of each of <paramref name="replicaSets"/> (by uid), dropping forgotten ones.</summary>
    public List<V1ReplicaSet> Current(IEnumerable<V1ReplicaSet> replicaSets) =>
        [.. replicaSets.Select(rs => _replicaSets.Find(known => known.Metadata.Uid == rs.Metadata.Uid)).OfType<V1ReplicaSet>()];

    /// <summary>
    /// The new ReplicaSet: the oldest whose template equals the Deployment's (ignoring the hash label); null when
    /// the template has none yet.
    /// </summary>
    public V1ReplicaSet? FindNew()
    {
        if (!ReferenceEquals(_templateOwner, Deployment))
        {
            _templateOwner = Deployment;
            _deploymentTemplate = PodTemplates.CanonicalWithoutHash(Deployment.Spec?.Template);
        }
        return ReplicaSetOrder.Sorted(_replicaSets, ReplicaSetOrder.ByCreation)
            .FirstOrDefault(rs => TemplateOf(rs).AsSpan().SequenceEqual(_deploymentTemplate));
    }

    private byte[] TemplateOf(V1ReplicaSet rs)
    {
        if (!_templates.TryGetValue(rs, out var template))
        {
            template = PodTemplates.CanonicalWithoutHash(rs.Spec?.Template);
            _templates[rs] = template;
        }
        return template;
    }

    /// <summary>Every ReplicaSet but the new one, scaled down or not.</summary>
    public List<V1ReplicaSet> FindOld()
    {
        var newUid = FindNew()?.Metadata.Uid;
        return [.. _replicaSets.Where(rs => rs.Metadata.Uid != newUid)];
    }
}
