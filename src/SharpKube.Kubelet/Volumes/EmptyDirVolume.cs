using System.Globalization;
using System.Runtime.Versioning;
using k8s.Models;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// An emptyDir volume: a directory with mode 0777 under the pod directory, or, for <c>medium: Memory</c>, a tmpfs
/// mounted there, sized as upstream sizes memory-backed volumes (the smallest of the node's allocatable memory, the
/// pod's memory limit and the volume's sizeLimit).
/// </summary>
/// <remarks>
/// The directory's mode and the fsGroup ownership are set when the directory (or the tmpfs) is created, not on every
/// sync, so a container that changes them keeps its change. The alpha <c>mode</c> field is not honoured (its feature
/// gate is off upstream by default), nor are huge-page media.
/// </remarks>
[UnsupportedOSPlatform("windows")]
internal static class EmptyDirVolume
{
    private const string MemoryMedium = "Memory";
    private const UnixFileMode EveryoneReadWriteExecute = (UnixFileMode)0x1FF;

    /// <summary>Creates the directory (and mounts the tmpfs) when missing; nothing otherwise.</summary>
    public static MountableVolume SetUp(string volumeName, string directory, V1EmptyDirVolumeSource source, V1Pod pod,
        IDictionary<string, ResourceQuantity>? nodeAllocatable)
    {
        var medium = source.Medium ?? "";
        if (medium is not ("" or MemoryMedium))
        {
            throw new VolumeSetupException(volumeName, $"emptyDir medium \"{medium}\" is not supported");
        }
        var fsGroup = pod.Spec?.SecurityContext?.FsGroup;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            // 0777 whatever the kubelet's umask, so containers running as any user can write.
            File.SetUnixFileMode(directory, EveryoneReadWriteExecute);
            if (medium != MemoryMedium)
            {
                ApplyFsGroup(directory, fsGroup);
            }
        }
        if (medium == MemoryMedium && MountTable.FileSystemAt(directory) != "tmpfs")
        {
            var size = MemorySize(source, pod, nodeAllocatable);
            LinuxFileSystem.MountTmpfs(directory, size > 0 ? "size=" + size.ToString(CultureInfo.InvariantCulture) : "");
            ApplyFsGroup(directory, fsGroup);
        }
        return new MountableVolume(volumeName, directory, ReadOnly: false);
    }

    /// <summary>
    /// The tmpfs size in bytes, 0 for the kernel's default: the node's allocatable memory, lowered to the pod's memory
    /// limit when every container declares one, lowered again to the volume's sizeLimit.
    /// </summary>
    internal static long MemorySize(V1EmptyDirVolumeSource source, V1Pod pod, IDictionary<string, ResourceQuantity>? nodeAllocatable)
    {
        long size = nodeAllocatable is not null && nodeAllocatable.TryGetValue("memory", out var allocatable) ? Bytes(allocatable) : 0;
        if (PodMemoryLimit(pod) is { } podLimit && podLimit > 0 && (size == 0 || podLimit <= size))
        {
            size = podLimit;
        }
        if (source.SizeLimit is { } limit && Bytes(limit) is > 0 and var bytes && (size == 0 || bytes <= size))
        {
            size = bytes;
        }
        return size;
    }

    /// <summary>
    /// The pod's memory limit as its cgroup gets it: the larger of the containers' sum and the largest init
    /// container's, and none at all when some container has no memory limit.
    /// </summary>
    private static long? PodMemoryLimit(V1Pod pod)
    {
        long sum = 0;
        long largestInit = 0;
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            if (Limit(container) is not { } limit)
            {
                return null;
            }
            sum += limit;
        }
        foreach (var container in pod.Spec?.InitContainers ?? [])
        {
            if (Limit(container) is not { } limit)
            {
                return null;
            }
            largestInit = Math.Max(largestInit, limit);
        }
        return Math.Max(sum, largestInit);
    }

    private static long? Limit(V1Container container) =>
        container.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var memory) ? Bytes(memory) : null;

    private static long Bytes(ResourceQuantity quantity) => (long)Math.Ceiling(quantity.ToDecimal());

    /// <summary>Upstream's ownership rule for writable volumes: group fsGroup, group read-write, set-group-ID.</summary>
    private static void ApplyFsGroup(string directory, long? fsGroup)
    {
        if (fsGroup is not { } group)
        {
            return;
        }
        LinuxFileSystem.SetGroup(directory, group);
        var mode = File.GetUnixFileMode(directory);
        File.SetUnixFileMode(directory, mode | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.SetGroup);
    }
}
