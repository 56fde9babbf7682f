using SharpKube.ApiMachinery.Tables.Printers;
using static SharpKube.ApiMachinery.Tests.Tables.TableFixture;

namespace SharpKube.ApiMachinery.Tests.Tables;

public sealed class StorageTableConvertorTests
{
    [Fact]
    public void BoundPersistentVolume_ShowsCapacityModesClaimAndClass() =>
        AssertRow(PersistentVolumeTableConvertor.Instance, """
            {"metadata":{"name":"pv-1","creationTimestamp":"@-4d"},
             "spec":{"capacity":{"storage":"10Gi"},"accessModes":["ReadWriteMany","ReadWriteOnce","ReadWriteOnce","ReadOnlyMany"],
                     "persistentVolumeReclaimPolicy":"Retain","storageClassName":"fast","volumeMode":"Filesystem",
                     "claimRef":{"namespace":"default","name":"data"}},
             "status":{"phase":"Bound"}}
            """,
            "pv-1", "10Gi", "RWO,ROX,RWX", "Retain", "Bound", "default/data", "fast", "<unset>", "", "4d", "Filesystem");

    [Fact]
    public void PersistentVolume_BetaClassAnnotationWins_AndDeletionShowsTerminating()
    {
        var cells = Cells(PersistentVolumeTableConvertor.Instance, """
            {"metadata":{"annotations":{"volume.beta.kubernetes.io/storage-class":"legacy"},"deletionTimestamp":"@-1s"},
             "spec":{"storageClassName":"fast","accessModes":["ReadWriteOncePod"],"volumeAttributesClassName":"gold"},
             "status":{"phase":"Failed","reason":"Recycling failed"}}
            """);
        Assert.Equal("0 | RWOP | Terminating | legacy | gold | Recycling failed",
            Pick(cells, "Capacity", "Access Modes", "Status", "StorageClass", "VolumeAttributesClass", "Reason"));
    }

    [Fact]
    public void BoundClaim_ShowsVolumeCapacityAndModes() =>
        AssertRow(PersistentVolumeClaimTableConvertor.Instance, """
            {"metadata":{"name":"data","creationTimestamp":"@-150s"},
             "spec":{"volumeName":"pv-1","storageClassName":"fast","volumeMode":"Block","resources":{"requests":{"storage":"5Gi"}}},
             "status":{"phase":"Bound","capacity":{"storage":"10Gi"},"accessModes":["ReadWriteOnce"]}}
            """,
            "data", "Bound", "pv-1", "10Gi", "RWO", "fast", "<unset>", "2m30s", "Block");

    [Fact]
    public void PendingClaim_ShowsNoCapacityOrModes() =>
        AssertRow(PersistentVolumeClaimTableConvertor.Instance, """
            {"metadata":{"name":"data"},"spec":{"resources":{"requests":{"storage":"5Gi"}}},"status":{"phase":"Pending","accessModes":["ReadWriteOnce"]}}
            """,
            "data", "Pending", "", "", "", "", "<unset>", "<unknown>", "<unset>");

    [Fact]
    public void StorageClass_MarksTheDefault_AndDefaultsPolicies()
    {
        AssertRow(StorageClassTableConvertor.Instance, """
            {"metadata":{"name":"standard","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},
             "provisioner":"rancher.io/local-path"}
            """,
            "standard (default)", "rancher.io/local-path", "Delete", "Immediate", false, "<unknown>");
        AssertRow(StorageClassTableConvertor.Instance, """
            {"metadata":{"name":"fast","annotations":{"storageclass.beta.kubernetes.io/is-default-class":"false"}},
             "provisioner":"csi.example.com","reclaimPolicy":"Retain","volumeBindingMode":"WaitForFirstConsumer","allowVolumeExpansion":true}
            """,
            "fast", "csi.example.com", "Retain", "WaitForFirstConsumer", true, "<unknown>");
    }

    [Fact]
    public void VolumeAttachment_ShowsAttacherVolumeNodeAndState() =>
        AssertRow(VolumeAttachmentTableConvertor.Instance, """
            {"metadata":{"name":"csi-123"},"spec":{"attacher":"csi.example.com","nodeName":"node-1","source":{"persistentVolumeName":"pv-1"}},
             "status":{"attached":true}}
            """,
            "csi-123", "csi.example.com", "pv-1", "node-1", true, "<unknown>");

    [Fact]
    public void CSIDriver_ShowsUpstreamDefaults() =>
        AssertRow(CSIDriverTableConvertor.Instance, """{"metadata":{"name":"csi.example.com"},"spec":{}}""",
            "csi.example.com", true, false, false, "<unset>", false, "<none>", "<unknown>");

    [Fact]
    public void CSIDriver_ShowsItsSettings() =>
        AssertRow(CSIDriverTableConvertor.Instance, """
            {"metadata":{"name":"secrets.csi.k8s.io"},
             "spec":{"attachRequired":false,"podInfoOnMount":true,"storageCapacity":true,"requiresRepublish":true,
                     "tokenRequests":[{"audience":"vault"},{"audience":"aws"}],"volumeLifecycleModes":["Persistent","Ephemeral"]}}
            """,
            "secrets.csi.k8s.io", false, true, true, "vault,aws", true, "Persistent,Ephemeral", "<unknown>");

    [Fact]
    public void CSINode_CountsDrivers() =>
        AssertRow(CSINodeTableConvertor.Instance, """{"metadata":{"name":"node-1"},"spec":{"drivers":[{"name":"a"},{"name":"b"}]}}""",
            "node-1", 2L, "<unknown>");

    [Fact]
    public void CSIStorageCapacity_ShowsCapacityOrUnset()
    {
        AssertRow(CSIStorageCapacityTableConvertor.Instance, """{"metadata":{"name":"c"},"storageClassName":"fast","capacity":"100Gi"}""",
            "c", "fast", "100Gi");
        AssertRow(CSIStorageCapacityTableConvertor.Instance, """{"metadata":{"name":"c"},"storageClassName":"fast"}""",
            "c", "fast", "<unset>");
    }
}
