using System.Globalization;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.PersistentVolumes;

/// <summary>
/// core/v1 PersistentVolume (cluster-scoped): Retain and Filesystem by default, phase Pending with its
/// transition time on create; capacity, access modes and exactly one volume source; the source never changes.
/// </summary>
public sealed class PersistentVolumeStrategy(TimeProvider time) : ResourceStrategy
{
    /// <summary>The access modes a volume or claim may ask for.</summary>
    public static readonly IReadOnlyList<string> AccessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];

    private static readonly string[] Sources =
    [
        "gcePersistentDisk", "awsElasticBlockStore", "hostPath", "glusterfs", "nfs", "rbd", "iscsi", "cinder", "cephfs", "fc",
        "flocker", "flexVolume", "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume",
        "scaleIO", "local", "storageos", "csi",
    ];

    /// <summary>The shared instance, on the system clock.</summary>
    public static PersistentVolumeStrategy Instance { get; } = new(TimeProvider.System);

    /// <inheritdoc/>
    public override bool HasStatusSubresource => true;

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject
        {
            ["phase"] = "Pending",
            ["lastPhaseTransitionTime"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        ApplyDefaults(obj);
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone() ?? new JsonObject();
        ApplyDefaults(obj);
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        var modes = spec.GetArray("accessModes");
        if (modes.CountOf() == 0)
        {
            errors.Required("spec.accessModes");
        }
        foreach (var (_, mode) in modes.StringItems())
        {
            if (!AccessModes.Contains(mode))
            {
                errors.NotSupported("spec.accessModes", mode, AccessModes);
            }
        }
        var reclaim = spec.GetStringOrEmpty("persistentVolumeReclaimPolicy");
        if (reclaim is not ("Delete" or "Recycle" or "Retain"))
        {
            errors.NotSupported("spec.persistentVolumeReclaimPolicy", reclaim, ["Delete", "Recycle", "Retain"]);
        }
        var capacity = spec.GetObject("capacity");
        if ((capacity?.Count ?? 0) == 0)
        {
            errors.Required("spec.capacity");
        }
        if (capacity?.ContainsKey("storage") != true || capacity.Count > 1)
        {
            errors.Add(new(FieldErrorType.NotSupported, "spec.capacity", "core.ResourceList" + (capacity?.ToJsonString() ?? "(nil)"),
                "supported values: \"storage\""));
        }
        var sources = Sources.Where(spec.Has).ToList();
        if (sources.Count == 0)
        {
            errors.Required("spec", "must specify a volume type");
        }
        foreach (var extra in sources.Skip(1))
        {
            errors.Forbidden("spec." + extra, "may not specify more than 1 volume type");
        }
        if (spec.GetObject("hostPath") is { } hostPath && hostPath.GetStringOrEmpty("path").Length == 0)
        {
            errors.Required("spec.hostPath.path");
        }
        if (spec.GetObject("local") is { } local)
        {
            if (local.GetStringOrEmpty("path").Length == 0)
            {
                errors.Required("spec.local.path");
            }
            if (!spec.Has("nodeAffinity"))
            {
                errors.Required("spec.nodeAffinity", "Local volume requires node affinity");
            }
        }
        if (spec.GetString("volumeMode") is { } volumeMode && volumeMode is not ("Block" or "Filesystem"))
        {
            errors.NotSupported("spec.volumeMode", volumeMode, ["Block", "Filesystem"]);
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        var spec = obj.GetObject("spec") ?? [];
        var oldSpec = old.GetObject("spec") ?? [];
        if (Sources.Any(s => !SemanticEquality.AreEqual(spec[s], oldSpec[s])))
        {
            errors.Forbidden("spec.persistentvolumesource", "spec.persistentvolumesource is immutable after creation");
        }
        FieldRules.Immutable(spec["volumeMode"], oldSpec["volumeMode"], "volumeMode", errors);
        if (oldSpec.Has("nodeAffinity"))
        {
            FieldRules.Immutable(spec["nodeAffinity"], oldSpec["nodeAffinity"], "nodeAffinity", errors, v => v?.ToJsonString() ?? "null");
        }
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        spec.SetIfEmpty("persistentVolumeReclaimPolicy", "Retain");
        spec.SetIfEmpty("volumeMode", "Filesystem");
        obj.EnsureObject("status").SetIfEmpty("phase", "Pending");
        if (spec.GetObject("hostPath") is { } hostPath)
        {
            hostPath.SetIfAbsent("type", "");
        }
    }
}
