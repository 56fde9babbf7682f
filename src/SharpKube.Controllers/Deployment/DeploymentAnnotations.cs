using System.Globalization;
using k8s;
using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// The annotations the deployment controller keeps on a Deployment and its ReplicaSets: the revision (on both),
/// the revisions a ReplicaSet served before a rollback, and the desired and maximum replicas a ReplicaSet was
/// sized for (proportional scaling reads them). Other Deployment annotations (e.g. <c>kubernetes.io/change-cause</c>)
/// are copied to the new ReplicaSet.
/// </summary>
internal static class DeploymentAnnotations
{
    /// <summary>The rollout sequence number, on the Deployment and each ReplicaSet.</summary>
    public const string Revision = "deployment.kubernetes.io/revision";

    /// <summary>The revisions a ReplicaSet served before it was rolled back to, comma-separated.</summary>
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";

    /// <summary>The Deployment's <c>spec.replicas</c> when the ReplicaSet was last sized.</summary>
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";

    /// <summary><c>spec.replicas</c> + maxSurge when the ReplicaSet was last sized.</summary>
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";

    /// <summary>The extensions/v1beta1 rollback request, never copied.</summary>
    public const string DeprecatedRollbackTo = "deprecated.deployment.rollback.to";

    /// <summary>kubectl's client-side apply record, never copied.</summary>
    public const string LastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration";

    // Upstream keeps about 100 revisions (~2000 characters) in the history annotation.
    private const int MaxRevisionHistoryLength = 2000;

    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        LastAppliedConfiguration, Revision, RevisionHistory, DesiredReplicas, MaxReplicas, DeprecatedRollbackTo,
    };

    /// <summary>
    /// The revision of <paramref name="obj"/>: false when the annotation is not a number; 0 when there is none.
    /// </summary>
    public static bool TryGetRevision(IKubernetesObject<V1ObjectMeta> obj, out long revision)
    {
        revision = 0;
        return obj.Metadata?.Annotations?.TryGetValue(Revision, out var text) != true
            || long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out revision);
    }

    /// <summary>The highest revision among <paramref name="replicaSets"/> (ReplicaSets with unreadable revisions are skipped).</summary>
    public static long MaxRevision(IEnumerable<V1ReplicaSet> replicaSets)
    {
        long max = 0;
        foreach (var rs in replicaSets)
        {
            if (TryGetRevision(rs, out var revision) && revision > max)
            {
                max = revision;
            }
        }
        return max;
    }

    /// <summary>Sets the Deployment's revision; true when it changed.</summary>
    public static bool SetDeploymentRevision(V1Deployment deployment, string revision)
    {
        var annotations = deployment.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (annotations.TryGetValue(Revision, out var current) && current == revision)
        {
            return false;
        }
        annotations[Revision] = revision;
        return true;
    }

    /// <summary>
    /// Brings the new ReplicaSet's annotations up to date: copies the Deployment's own annotations, raises its
    /// revision to <paramref name="newRevision"/> (remembering the one it had: a rollback reuses a ReplicaSet) and,
    /// for a ReplicaSet about to be created, records the replica annotations. True when anything changed.
    /// </summary>
    public static bool SetNewReplicaSetAnnotations(V1Deployment deployment, V1ReplicaSet rs, string newRevision, bool exists)
    {
        var changed = CopyDeploymentAnnotations(deployment, rs);
        var annotations = rs.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var hadRevision = annotations.TryGetValue(Revision, out var oldRevision);
        long oldRevisionNumber = 0;
        if (!string.IsNullOrEmpty(oldRevision)
            && !long.TryParse(oldRevision, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out oldRevisionNumber))
        {
            // As upstream: an unreadable revision stops the update rather than guessing.
            return false;
        }
        var newRevisionNumber = long.Parse(newRevision, CultureInfo.InvariantCulture);
        if (oldRevisionNumber < newRevisionNumber)
        {
            annotations[Revision] = newRevision;
            changed = true;
            if (hadRevision)
            {
                AppendRevisionHistory(annotations, oldRevision ?? "");
            }
        }
        if (!exists && SetReplicasAnnotations(rs, DeploymentReplicas.Desired(deployment),
                DeploymentReplicas.Desired(deployment) + DeploymentReplicas.MaxSurge(deployment)))
        {
            changed = true;
        }
        return changed;
    }

    /// <summary>Records the desired and maximum replicas on a ReplicaSet; true when they changed.</summary>
    public static bool SetReplicasAnnotations(V1ReplicaSet rs, int desired, int max)
    {
        var annotations = rs.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = false;
        foreach (var (key, value) in new[] { (DesiredReplicas, desired), (MaxReplicas, max) })
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            if (!annotations.TryGetValue(key, out var current) || current != text)
            {
                annotations[key] = text;
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>True when the ReplicaSet's replica annotations differ from <paramref name="desired"/> and <paramref name="max"/>.</summary>
    public static bool ReplicasAnnotationsNeedUpdate(V1ReplicaSet rs, int desired, int max) =>
        DesiredReplicasOf(rs) is not { } d || d != desired || MaxReplicasOf(rs) is not { } m || m != max;

    /// <summary>The desired-replicas annotation, when present and a number.</summary>
    public static int? DesiredReplicasOf(V1ReplicaSet rs) => IntAnnotation(rs, DesiredReplicas);

    /// <summary>The max-replicas annotation, when present and a number.</summary>
    public static int? MaxReplicasOf(V1ReplicaSet rs) => IntAnnotation(rs, MaxReplicas);

    private static int? IntAnnotation(V1ReplicaSet rs, string key) =>
        rs.Metadata?.Annotations?.TryGetValue(key, out var text) == true
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static bool CopyDeploymentAnnotations(V1Deployment deployment, V1ReplicaSet rs)
    {
        var annotations = rs.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = false;
        foreach (var (key, value) in deployment.Metadata?.Annotations ?? new Dictionary<string, string>())
        {
            // The ReplicaSet's revision is the reliable one: the Deployment's copy of it may lag.
            if (NotCopied.Contains(key) || (annotations.TryGetValue(key, out var current) && current == value))
            {
                continue;
            }
            annotations[key] = value;
            changed = true;
        }
        return changed;
    }

    private static void AppendRevisionHistory(IDictionary<string, string> annotations, string oldRevision)
    {
        var history = annotations.TryGetValue(RevisionHistory, out var text) ? text : "";
        if (history.Length == 0)
        {
            annotations[RevisionHistory] = oldRevision;
            return;
        }
        var revisions = history.Split(',').ToList();
        var length = history.Length + oldRevision.Length + 1;
        var start = 0;
        while (length > MaxRevisionHistoryLength && start < revisions.Count)
        {
            length -= revisions[start].Length + 1;
            start++;
        }
        if (length <= MaxRevisionHistoryLength)
        {
            annotations[RevisionHistory] = string.Join(",", revisions.Skip(start).Append(oldRevision));
        }
    }
}
