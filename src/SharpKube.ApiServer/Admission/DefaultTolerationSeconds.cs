using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Admission;

/// <summary>
/// Upstream's <c>DefaultTolerationSeconds</c> admission plugin (on by default in kube-apiserver): a pod that does
/// not already tolerate the node lifecycle controller's <c>node.kubernetes.io/not-ready</c> or
/// <c>node.kubernetes.io/unreachable</c> NoExecute taint gets a toleration of it for a limited time (300 s unless
/// configured), so the taint eviction controller moves its pods off a failed node after that grace period instead of
/// at once. Upstream runs it on create and on update of pods proper; on update it puts back the tolerations a full
/// replace left out, which pod update validation would otherwise refuse as a removal.
/// </summary>
public sealed class DefaultTolerationSeconds : IMutatingAdmission
{
    /// <summary>The taint a node whose Ready condition is False gets.</summary>
    public const string NotReadyTaint = "node.kubernetes.io/not-ready";

    /// <summary>The taint a node whose Ready condition is Unknown (it stopped reporting) gets.</summary>
    public const string UnreachableTaint = "node.kubernetes.io/unreachable";

    /// <summary>Upstream's default of <c>--default-not-ready-toleration-seconds</c> and <c>--default-unreachable-toleration-seconds</c>.</summary>
    public const long DefaultSeconds = 300;

    private readonly long _notReadySeconds;
    private readonly long _unreachableSeconds;

    /// <summary>Creates the plugin with the <c>tolerationSeconds</c> of the two tolerations it adds.</summary>
    public DefaultTolerationSeconds(long notReadySeconds = DefaultSeconds, long unreachableSeconds = DefaultSeconds)
    {
        _notReadySeconds = notReadySeconds;
        _unreachableSeconds = unreachableSeconds;
    }

    /// <inheritdoc/>
    public bool Handles(ResourceDefinition resource) => resource is { Group: "", Plural: "pods" };

    /// <inheritdoc/>
    public void Admit(JsonObject obj, JsonObject? old)
    {
        var spec = obj.EnsureObject("spec");
        var tolerations = spec.GetArray("tolerations");
        var toleratesNotReady = AlreadyTolerates(tolerations, NotReadyTaint);
        var toleratesUnreachable = AlreadyTolerates(tolerations, UnreachableTaint);
        if (toleratesNotReady && toleratesUnreachable)
        {
            return;
        }
        if (tolerations is null)
        {
            tolerations = [];
            spec["tolerations"] = tolerations;
        }
        if (!toleratesNotReady)
        {
            tolerations.Add(Toleration(NotReadyTaint, _notReadySeconds));
        }
        if (!toleratesUnreachable)
        {
            tolerations.Add(Toleration(UnreachableTaint, _unreachableSeconds));
        }
    }

    /// <summary>
    /// Upstream's test looks at the key and the effect only: a toleration of that taint key or of every key (empty),
    /// for NoExecute or every effect (empty), counts whatever its operator, value and <c>tolerationSeconds</c>.
    /// </summary>
    private static bool AlreadyTolerates(JsonArray? tolerations, string taintKey) =>
        tolerations.ObjectItems().Any(t => t.Item.GetStringOrEmpty("key") is var key && (key.Length == 0 || key == taintKey)
            && t.Item.GetStringOrEmpty("effect") is "" or "NoExecute");

    private static JsonObject Toleration(string taintKey, long seconds) => new()
    {
        ["key"] = taintKey,
        ["operator"] = "Exists",
        ["effect"] = "NoExecute",
        ["tolerationSeconds"] = JsonObjectExtensions.Number(seconds),
    };
}
