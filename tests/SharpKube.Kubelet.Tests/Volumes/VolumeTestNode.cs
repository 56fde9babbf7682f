using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Kubelet.Pods;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Tests.Volumes;

/// <summary>
/// A node's pods directory in a temp dir, with the ConfigMaps and Secrets the "API" holds as plain dictionaries the
/// test edits. Disposing unmounts whatever is still mounted under it and removes it.
/// </summary>
public sealed class VolumeTestNode : IDisposable
{
    public VolumeTestNode()
    {
        Root = Directory.CreateTempSubdirectory("sharpkube-volumes-").FullName;
        PodsDirectory = Path.Combine(Root, "pods");
        HostDirectory = Path.Combine(Root, "host");
        Directory.CreateDirectory(HostDirectory);
    }

    public string Root { get; }

    public string PodsDirectory { get; }

    /// <summary>A place for hostPath volumes, outside the pods directory.</summary>
    public string HostDirectory { get; }

    public Dictionary<string, V1ConfigMap> ConfigMaps { get; } = [];

    public Dictionary<string, V1Secret> Secrets { get; } = [];

    public Func<V1Pod, string, long, CancellationToken, Task<string?>>? TokenSource { get; set; }

    public IDictionary<string, ResourceQuantity>? NodeAllocatable { get; set; }

    public TimeProvider Time { get; set; } = TimeProvider.System;

    public PodVolumes Volumes(string? podsDirectory = null) => new(podsDirectory ?? PodsDirectory,
        new ReferencedObjects(
            (ns, name, _) => Task.FromResult(ConfigMaps.GetValueOrDefault(ns + "/" + name)),
            (ns, name, _) => Task.FromResult(Secrets.GetValueOrDefault(ns + "/" + name))),
        NodeAllocatable, TokenSource, NullLogger.Instance, Time);

    public static V1Pod Pod(string uid, params V1Volume[] volumes) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", Uid = uid, Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "busybox" }], Volumes = [.. volumes] },
    };

    public string VolumeDirectory(string uid, string plugin, string name) =>
        Path.Combine(PodsDirectory, uid, "volumes", "kubernetes.io~" + plugin, name);

    public static IEnumerable<string> MountPoints() =>
        File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]);

    public void Dispose()
    {
        foreach (var mountPoint in MountPoints().Where(m => m.StartsWith(Root + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Length))
        {
            using var umount = System.Diagnostics.Process.Start("umount", ["-l", mountPoint]);
            umount.WaitForExit();
        }
        Directory.Delete(Root, recursive: true);
    }
}
