using System.Reflection;
using System.Runtime.Versioning;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// The volumes of the pods on this node, laid out as upstream's kubelet lays them out:
/// <c>&lt;podsDir&gt;/&lt;podUid&gt;/volumes/kubernetes.io~&lt;plugin&gt;/&lt;volumeName&gt;</c> for emptyDir, configMap,
/// secret, downwardAPI and projected volumes; a hostPath volume is the node's path itself. Set up on every pod sync,
/// torn down when the pod is gone.
/// </summary>
/// <remarks>
/// Volumes are set up in the kubelet's own mount namespace, which containerd shares, so a tmpfs mounted here is what
/// the container's bind mount sees. Persistent volumes, CSI and the other network volume types are not supported.
/// Deliberate differences from upstream: fsGroup ownership is applied as <c>Always</c> (fsGroupChangePolicy is not
/// read); the alpha per-file <c>user</c>/<c>defaultUser</c> and emptyDir <c>mode</c> fields are ignored; no SELinux
/// relabelling is asked for; a subPath is handed to the runtime as a path rather than bind-mounted through a file
/// descriptor (see <see cref="PodVolumeSet.MountsFor"/>).
/// </remarks>
public sealed class PodVolumes
{
    /// <summary>The mode of a configMap, secret, downwardAPI or projected file when the volume sets none (0644).</summary>
    public const int DefaultFileMode = 0x1A4;

    private readonly string _podsDirectory;
    private readonly ReferencedObjects _referencedObjects;
    private readonly IDictionary<string, ResourceQuantity>? _nodeAllocatable;
    private readonly Func<V1Pod, string, long, CancellationToken, Task<string?>>? _serviceAccountToken;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>
    /// Volumes under <paramref name="podsDirectory"/>. <paramref name="nodeAllocatable"/> answers resourceFieldRef
    /// limits a container leaves unset and sizes memory-backed emptyDirs; <paramref name="serviceAccountToken"/>
    /// (pod, audience, expirationSeconds) gives projected service account tokens, and without it they are left out.
    /// </summary>
    public PodVolumes(string podsDirectory, ReferencedObjects referencedObjects, IDictionary<string, ResourceQuantity>? nodeAllocatable,
        Func<V1Pod, string, long, CancellationToken, Task<string?>>? serviceAccountToken, ILogger logger, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(podsDirectory);
        _podsDirectory = Path.GetFullPath(podsDirectory);
        _referencedObjects = referencedObjects ?? throw new ArgumentNullException(nameof(referencedObjects));
        _nodeAllocatable = nodeAllocatable;
        _serviceAccountToken = serviceAccountToken;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>
    /// Creates what is missing of <paramref name="pod"/>'s volumes and refreshes the files of configMap, secret,
    /// downwardAPI and projected volumes whose sources changed. Safe to call on every sync. When a volume fails the
    /// others are still set up, then the first failure is thrown as a <see cref="VolumeSetupException"/>.
    /// </summary>
    public async Task<PodVolumeSet> SetUpAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Pod volumes need a Unix node.");
        }
        var uid = CheckedUid(pod.Metadata?.Uid);
        var podDirectory = Path.Combine(_podsDirectory, uid);
        CreatePrivateDirectory(podDirectory);
        CreatePrivateDirectory(Path.Combine(podDirectory, "volumes"));

        var volumes = new Dictionary<string, MountableVolume>(StringComparer.Ordinal);
        VolumeSetupException? firstFailure = null;
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = volume.Name ?? "";
            try
            {
                volumes[name] = await SetUpVolumeAsync(pod, podDirectory, volume, cancellationToken);
            }
            catch (Exception e) when (e is VolumeSetupException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                var failure = e as VolumeSetupException ?? new VolumeSetupException(name, e.Message, e);
                _logger.LogWarning("MountVolume.SetUp failed for volume {Volume} of pod {Namespace}/{Pod}: {Message}",
                    name, pod.Metadata?.NamespaceProperty, pod.Metadata?.Name, failure.Message);
                firstFailure ??= failure;
            }
        }
        if (firstFailure is not null)
        {
            throw firstFailure;
        }
        return new PodVolumeSet(volumes);
    }

    /// <summary>
    /// Unmounts every mount under the pod's directory (memory-backed emptyDirs) and removes the directory, without
    /// following symlinks out of it: a hostPath is never touched. Nothing happens when the directory is gone already.
    /// </summary>
    public Task TearDownAsync(string podUid, CancellationToken cancellationToken)
    {
        var podDirectory = Path.Combine(_podsDirectory, CheckedUid(podUid));
        return Task.Run(() =>
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("Pod volumes need a Unix node.");
            }
            PodDirectoryRemover.Remove(podDirectory);
        }, cancellationToken);
    }

    /// <summary>The UIDs of the pods that have a directory under the pods directory, so leftovers can be torn down.</summary>
    public IReadOnlyList<string> PodUidsOnDisk()
    {
        if (!Directory.Exists(_podsDirectory))
        {
            return [];
        }
        return [.. new DirectoryInfo(_podsDirectory).EnumerateDirectories("*", new EnumerationOptions { AttributesToSkip = 0 })
            .Where(d => d.LinkTarget is null).Select(d => d.Name).Order(StringComparer.Ordinal)];
    }

    [UnsupportedOSPlatform("windows")]
    private async Task<MountableVolume> SetUpVolumeAsync(V1Pod pod, string podDirectory, V1Volume volume, CancellationToken cancellationToken)
    {
        var name = volume.Name ?? "";
        var namespaceName = pod.Metadata?.NamespaceProperty ?? "";
        if (volume.EmptyDir is { } emptyDir)
        {
            return EmptyDirVolume.SetUp(name, VolumeDirectory(podDirectory, "empty-dir", name), emptyDir, pod, _nodeAllocatable);
        }
        if (volume.HostPath is { } hostPath)
        {
            return HostPathVolume.SetUp(name, hostPath);
        }
        if (volume.ConfigMap is { } configMapSource)
        {
            var optional = configMapSource.Optional ?? false;
            var configMap = await _referencedObjects.GetConfigMapAsync(namespaceName, configMapSource.Name ?? "", cancellationToken);
            if (configMap is null && !optional)
            {
                throw new VolumeSetupException(name, $"configmap \"{configMapSource.Name}\" not found");
            }
            var files = KeyedPayload.ForConfigMap(name, configMap, configMapSource.Items, configMapSource.DefaultMode ?? DefaultFileMode, optional);
            return WriteFiles(pod, VolumeDirectory(podDirectory, "configmap", name), name, files);
        }
        if (volume.Secret is { } secretSource)
        {
            var optional = secretSource.Optional ?? false;
            var secret = await _referencedObjects.GetSecretAsync(namespaceName, secretSource.SecretName ?? "", cancellationToken);
            if (secret is null && !optional)
            {
                throw new VolumeSetupException(name, $"secret \"{secretSource.SecretName}\" not found");
            }
            var files = KeyedPayload.ForSecret(name, secret, secretSource.Items, secretSource.DefaultMode ?? DefaultFileMode, optional);
            return WriteFiles(pod, VolumeDirectory(podDirectory, "secret", name), name, files);
        }
        if (volume.DownwardAPI is { } downwardApi)
        {
            var files = DownwardApiPayload.Build(name, pod, downwardApi.Items, downwardApi.DefaultMode ?? DefaultFileMode, _nodeAllocatable);
            return WriteFiles(pod, VolumeDirectory(podDirectory, "downward-api", name), name, files);
        }
        if (volume.Projected is { } projected)
        {
            var files = await ProjectedPayload.BuildAsync(name, pod, projected, _referencedObjects, _serviceAccountToken, _nodeAllocatable, cancellationToken);
            return WriteFiles(pod, VolumeDirectory(podDirectory, "projected", name), name, files);
        }
        throw new VolumeSetupException(name, $"volume type {VolumeTypeName(volume)} is not supported");
    }

    [UnsupportedOSPlatform("windows")]
    private MountableVolume WriteFiles(V1Pod pod, string directory, string volumeName, Dictionary<string, VolumeFile> files)
    {
        var fsGroup = pod.Spec?.SecurityContext?.FsGroup;
        if (!Directory.Exists(directory))
        {
            // Upstream backs these volumes with an emptyDir, so the volume's own directory is 0777 too.
            Directory.CreateDirectory(directory);
            var mode = (UnixFileMode)0x1FF;
            if (fsGroup is { } group)
            {
                LinuxFileSystem.SetGroup(directory, group);
                mode |= UnixFileMode.SetGroup;
            }
            File.SetUnixFileMode(directory, mode);
        }
        if (new AtomicVolumeWriter(directory, fsGroup, _timeProvider).Write(files))
        {
            _logger.LogInformation("Wrote the files of volume {Volume} of pod {Namespace}/{Pod}",
                volumeName, pod.Metadata?.NamespaceProperty, pod.Metadata?.Name);
        }
        return new MountableVolume(volumeName, directory, ReadOnly: true);
    }

    private static string VolumeDirectory(string podDirectory, string plugin, string volumeName) =>
        Path.Combine(podDirectory, "volumes", "kubernetes.io~" + plugin, CheckedSegment(volumeName, "volume name"));

    [UnsupportedOSPlatform("windows")]
    private static void CreatePrivateDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, (UnixFileMode)0x1E8);
        }
    }

    private static string CheckedUid(string? uid) => CheckedSegment(uid ?? "", "pod UID");

    /// <summary>A name used as one path element: anything that could climb out of the directory is refused.</summary>
    private static string CheckedSegment(string value, string what)
    {
        if (value.Length == 0 || value is "." or ".." || value.Contains('/', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"invalid {what} \"{value}\"");
        }
        return value;
    }

    private static string VolumeTypeName(V1Volume volume)
    {
        foreach (var property in typeof(V1Volume).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.Name != nameof(V1Volume.Name) && property.GetValue(volume) is not null)
            {
                return char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            }
        }
        return "(none)";
    }
}
