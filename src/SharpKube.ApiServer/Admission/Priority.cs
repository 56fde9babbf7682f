using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Admission;

/// <summary>
/// Upstream's <c>Priority</c> admission plugin (on by default in kube-apiserver), for pods: on create, the pod's
/// <c>spec.priorityClassName</c> is resolved to a PriorityClass, whose value and preemption policy become
/// <c>spec.priority</c> and <c>spec.preemptionPolicy</c>. A pod naming no class gets the <c>globalDefault</c> class
/// (the lowest one when several claim it) and its name, or priority 0 and <c>PreemptLowerPriority</c> when there is
/// none. An unknown class, or a priority or policy the pod sets itself that differs from its class's, is refused with
/// 403 Forbidden. On update the priority fields a replace left out are kept (the strategy does that), so the plugin
/// has nothing to do.
/// </summary>
public sealed class Priority : IMutatingAdmission
{
    /// <summary>The priority of pods without a class when no class is the global default.</summary>
    public const long DefaultPriorityWhenNoDefaultClassExists = 0;

    private const string PreemptLowerPriority = "PreemptLowerPriority";
    private readonly PriorityClassLister _classes;

    /// <summary>The plugin, reading classes through <paramref name="classes"/>.</summary>
    public Priority(PriorityClassLister classes) => _classes = classes ?? throw new ArgumentNullException(nameof(classes));

    /// <inheritdoc/>
    public bool Handles(ResourceDefinition resource) => resource is { Group: "", Plural: "pods" };

    /// <inheritdoc/>
    public void Admit(JsonObject obj, JsonObject? old)
    {
        if (old is null)
        {
            AdmitCreate(obj, _classes.List(), final: true);
        }
    }

    /// <inheritdoc/>
    public async ValueTask AdmitAsync(JsonObject obj, JsonObject? old, CancellationToken cancellationToken)
    {
        if (old is not null)
        {
            return;
        }
        if (!AdmitCreate(obj, _classes.List(), final: false))
        {
            // The class may have been created a moment ago, before the watch cache saw it.
            await _classes.CatchUpAsync(cancellationToken).ConfigureAwait(false);
            AdmitCreate(obj, _classes.List(), final: true);
        }
    }

    /// <summary>Resolves the pod's priority; false (when not <paramref name="final"/>) if its class is not among <paramref name="classes"/>.</summary>
    private static bool AdmitCreate(JsonObject pod, IReadOnlyList<PriorityClassInfo> classes, bool final)
    {
        var spec = pod.EnsureObject("spec");
        var className = spec.GetStringOrEmpty("priorityClassName");
        long priority;
        string? policy;
        if (className.Length == 0)
        {
            var defaultClass = classes.Where(c => c.GlobalDefault).MinBy(c => c.Value);
            if (defaultClass is not null)
            {
                spec["priorityClassName"] = defaultClass.Name;
            }
            priority = defaultClass?.Value ?? DefaultPriorityWhenNoDefaultClassExists;
            policy = defaultClass is null ? PreemptLowerPriority : defaultClass.PreemptionPolicy;
        }
        else
        {
            var found = classes.FirstOrDefault(c => c.Name == className)
                ?? PriorityClassInfo.SystemClasses.FirstOrDefault(c => c.Name == className);
            if (found is null)
            {
                return !final ? false : throw Forbidden(pod, $"no PriorityClass with name {className} was found");
            }
            priority = found.Value;
            policy = found.PreemptionPolicy;
        }
        if (spec.GetInt64("priority") is { } given && given != priority)
        {
            throw Forbidden(pod,
                $"the integer value of priority ({given}) must not be provided in pod spec; priority admission controller computed {priority} from the given PriorityClass name");
        }
        spec["priority"] = JsonObjectExtensions.Number(priority);
        if (policy is not null)
        {
            if (spec.GetString("preemptionPolicy") is { } givenPolicy && givenPolicy != policy)
            {
                throw Forbidden(pod,
                    $"the string value of PreemptionPolicy ({givenPolicy}) must not be provided in pod spec; priority admission controller computed {policy} from the given PriorityClass name");
            }
            spec["preemptionPolicy"] = policy;
        }
        return true;
    }

    /// <summary>403 Forbidden as upstream's admission error: <c>pods "x" is forbidden: …</c>.</summary>
    private static StatusException Forbidden(JsonObject pod, string reason)
    {
        var name = pod.GetObject("metadata")?.GetStringOrEmpty("name") ?? "";
        return new StatusException(403, "Forbidden", $"pods \"{name}\" is forbidden: {reason}",
            new StatusDetails { Name = name, Group = "", Kind = "pods" });
    }
}
