using static SharpKube.ApiMachinery.Protobuf.ProtoFieldKind;

namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>core/v1 Volume with the common sources (hostPath, emptyDir, secret, nfs, PVC, downwardAPI, configMap, projected, csi, image).</summary>
internal static class VolumeSchema
{
    /// <summary>Registers the messages.</summary>
    public static void Register(ProtoSchema s)
    {
        s.Define("core.Volume").Str(1, "name").Inline(2, "core.VolumeSource");
        s.Define("core.VolumeSource")
            .Msg(1, "hostPath", "core.HostPathVolumeSource", pointer: true).Msg(2, "emptyDir", "core.EmptyDirVolumeSource", pointer: true)
            .Msg(6, "secret", "core.SecretVolumeSource", pointer: true).Msg(7, "nfs", "core.NFSVolumeSource", pointer: true)
            .Msg(10, "persistentVolumeClaim", "core.PersistentVolumeClaimVolumeSource", pointer: true)
            .Msg(16, "downwardAPI", "core.DownwardAPIVolumeSource", pointer: true)
            .Msg(19, "configMap", "core.ConfigMapVolumeSource", pointer: true)
            .Msg(26, "projected", "core.ProjectedVolumeSource", pointer: true).Msg(28, "csi", "core.CSIVolumeSource", pointer: true)
            .Msg(30, "image", "core.ImageVolumeSource", pointer: true);
        s.Define("core.HostPathVolumeSource").Str(1, "path").Str(2, "type", pointer: true);
        s.Define("core.EmptyDirVolumeSource").Str(1, "medium").Special(2, "sizeLimit", Quantity, pointer: true);
        s.Define("core.SecretVolumeSource").Str(1, "secretName").Msgs(2, "items", "core.KeyToPath")
            .I32(3, "defaultMode", pointer: true).Bool(4, "optional", pointer: true);
        s.Define("core.KeyToPath").Str(1, "key").Str(2, "path").I32(3, "mode", pointer: true);
        s.Define("core.NFSVolumeSource").Str(1, "server").Str(2, "path").Bool(3, "readOnly");
        s.Define("core.PersistentVolumeClaimVolumeSource").Str(1, "claimName").Bool(2, "readOnly");
        s.Define("core.DownwardAPIVolumeSource").Msgs(1, "items", "core.DownwardAPIVolumeFile").I32(2, "defaultMode", pointer: true);
        s.Define("core.DownwardAPIVolumeFile").Str(1, "path").Msg(2, "fieldRef", "core.ObjectFieldSelector", pointer: true)
            .Msg(3, "resourceFieldRef", "core.ResourceFieldSelector", pointer: true).I32(4, "mode", pointer: true);
        s.Define("core.ConfigMapVolumeSource").Inline(1, "core.LocalObjectReference").Msgs(2, "items", "core.KeyToPath")
            .I32(3, "defaultMode", pointer: true).Bool(4, "optional", pointer: true);
        s.Define("core.ProjectedVolumeSource").Msgs(1, "sources", "core.VolumeProjection").I32(2, "defaultMode", pointer: true);
        s.Define("core.VolumeProjection").Msg(1, "secret", "core.KeyProjection", pointer: true)
            .Msg(2, "downwardAPI", "core.DownwardAPIProjection", pointer: true).Msg(3, "configMap", "core.KeyProjection", pointer: true)
            .Msg(4, "serviceAccountToken", "core.ServiceAccountTokenProjection", pointer: true);
        // SecretProjection and ConfigMapProjection: {1 LocalObjectReference inline, 2 items, 4 optional}.
        s.Define("core.KeyProjection").Inline(1, "core.LocalObjectReference").Msgs(2, "items", "core.KeyToPath")
            .Bool(4, "optional", pointer: true);
        s.Define("core.DownwardAPIProjection").Msgs(1, "items", "core.DownwardAPIVolumeFile");
        s.Define("core.ServiceAccountTokenProjection").Str(1, "audience").I64(2, "expirationSeconds", pointer: true).Str(3, "path");
        s.Define("core.CSIVolumeSource").Str(1, "driver").Bool(2, "readOnly", pointer: true).Str(3, "fsType", pointer: true)
            .Map(4, "volumeAttributes").Msg(5, "nodePublishSecretRef", "core.LocalObjectReference", pointer: true);
        s.Define("core.ImageVolumeSource").Str(1, "reference").Str(2, "pullPolicy");
    }
}
