using k8s.Models;
using SharpKube.Client.Informers;

namespace SharpKube.Scheduler.Plugins.VolumeBinding;

/// <summary>
/// What VolumeBinding reads of the cluster's storage objects: claims by namespace and name, volumes by name (and all of
/// them), storage classes by name. The scheduler reads them from informers; unit tests from plain lists.
/// </summary>
public sealed class VolumeObjects
{
    private readonly Func<string, string, V1PersistentVolumeClaim?> _claim;
    private readonly Func<string, V1PersistentVolume?> _volume;
    private readonly Func<IReadOnlyList<V1PersistentVolume>> _volumes;
    private readonly Func<string, V1StorageClass?> _storageClass;

    private VolumeObjects(Func<string, string, V1PersistentVolumeClaim?> claim, Func<string, V1PersistentVolume?> volume,
        Func<IReadOnlyList<V1PersistentVolume>> volumes, Func<string, V1StorageClass?> storageClass)
    {
        _claim = claim;
        _volume = volume;
        _volumes = volumes;
        _storageClass = storageClass;
    }

    /// <summary>
    /// Lookups over <paramref name="informers"/>' PersistentVolumeClaim, PersistentVolume and StorageClass informers,
    /// which this asks for (and so starts).
    /// </summary>
    public static VolumeObjects From(SharedInformerFactory informers)
    {
        ArgumentNullException.ThrowIfNull(informers);
        var claims = informers.Informer<V1PersistentVolumeClaim>().Indexer;
        var volumes = informers.Informer<V1PersistentVolume>().Indexer;
        var classes = informers.Informer<V1StorageClass>().Indexer;
        return new((ns, name) => claims.Get(ns, name), name => volumes.Get(null, name), volumes.List, name => classes.Get(null, name));
    }

    /// <summary>Lookups over fixed objects (for tests, and for handles without informers).</summary>
    public static VolumeObjects Of(IEnumerable<V1PersistentVolumeClaim>? claims = null, IEnumerable<V1PersistentVolume>? volumes = null,
        IEnumerable<V1StorageClass>? classes = null)
    {
        var claimList = (claims ?? []).ToList();
        var volumeList = (volumes ?? []).ToList();
        var classList = (classes ?? []).ToList();
        return new((ns, name) => claimList.FirstOrDefault(c => c.Metadata?.NamespaceProperty == ns && c.Metadata?.Name == name),
            name => volumeList.FirstOrDefault(v => v.Metadata?.Name == name), () => volumeList,
            name => classList.FirstOrDefault(c => c.Metadata?.Name == name));
    }

    /// <summary>The claim <paramref name="ns"/>/<paramref name="name"/>, or null.</summary>
    public V1PersistentVolumeClaim? Claim(string ns, string name) => _claim(ns, name);

    /// <summary>The volume <paramref name="name"/>, or null.</summary>
    public V1PersistentVolume? Volume(string name) => _volume(name);

    /// <summary>Every volume.</summary>
    public IReadOnlyList<V1PersistentVolume> Volumes() => _volumes();

    /// <summary>The storage class <paramref name="name"/>, or null.</summary>
    public V1StorageClass? StorageClass(string name) => _storageClass(name);
}
