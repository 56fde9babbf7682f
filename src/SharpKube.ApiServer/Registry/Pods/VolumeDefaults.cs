using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.PersistentVolumeClaims;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Upstream's defaults for pod volumes.</summary>
public static class VolumeDefaults
{
    /// <summary>The volume source fields of v1.32; a volume with none of them becomes an emptyDir.</summary>
    public static readonly IReadOnlyList<string> SourceKinds =
    [
        "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi",
        "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc",
        "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected",
        "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral", "image",
    ];

    private const int DefaultMode = 420; // 0644

    /// <summary>Applies the defaults of one volume in place.</summary>
    public static void Apply(JsonObject volume)
    {
        if (!SourceKinds.Any(volume.Has))
        {
            volume["emptyDir"] = new JsonObject();
        }
        volume.GetObject("secret")?.SetIfAbsent("defaultMode", DefaultMode);
        volume.GetObject("configMap")?.SetIfAbsent("defaultMode", DefaultMode);
        if (volume.GetObject("hostPath") is { } hostPath)
        {
            hostPath.SetIfAbsent("type", "");
        }
        if (volume.GetObject("downwardAPI") is { } downwardApi)
        {
            downwardApi.SetIfAbsent("defaultMode", DefaultMode);
            ApplyDownwardApiItems(downwardApi.GetArray("items"));
        }
        if (volume.GetObject("projected") is { } projected)
        {
            projected.SetIfAbsent("defaultMode", DefaultMode);
            foreach (var (_, source) in projected.GetArray("sources").ObjectItems())
            {
                source.GetObject("serviceAccountToken")?.SetIfAbsent("expirationSeconds", 3600);
                ApplyDownwardApiItems(source.GetObject("downwardAPI")?.GetArray("items"));
            }
        }
        if (volume.GetObject("iscsi") is { } iscsi)
        {
            iscsi.SetIfEmpty("iscsiInterface", "default");
        }
        if (volume.GetObject("rbd") is { } rbd)
        {
            rbd.SetIfEmpty("pool", "rbd");
            rbd.SetIfEmpty("user", "admin");
            rbd.SetIfEmpty("keyring", "/etc/ceph/keyring");
        }
        if (volume.GetObject("azureDisk") is { } azureDisk)
        {
            azureDisk.SetIfAbsent("cachingMode", "ReadWrite");
            azureDisk.SetIfAbsent("fsType", "ext4");
            azureDisk.SetIfAbsent("readOnly", false);
            azureDisk.SetIfAbsent("kind", "Shared");
        }
        if (volume.GetObject("scaleIO") is { } scaleIo)
        {
            scaleIo.SetIfEmpty("storageMode", "ThinProvisioned");
            scaleIo.SetIfEmpty("fsType", "xfs");
        }
        if (volume.GetObject("ephemeral")?.GetObject("volumeClaimTemplate") is { } claimTemplate)
        {
            claimTemplate.EnsureObject("metadata").AddNullIfMissing("creationTimestamp");
            PersistentVolumeClaimDefaults.ApplySpec(claimTemplate.EnsureObject("spec"));
        }
    }

    private static void ApplyDownwardApiItems(JsonArray? items)
    {
        foreach (var (_, item) in items.ObjectItems())
        {
            ContainerDefaults.ApplyFieldRef(item.GetObject("fieldRef"));
            ContainerDefaults.ApplyResourceFieldRef(item.GetObject("resourceFieldRef"));
        }
    }
}
