using System.Text;
using k8s.Models;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// The files of a ConfigMap or Secret volume (or projection), as upstream lays them out: every key at its own name,
/// or only the listed <c>items</c>, each at its path with its own mode or the default mode.
/// </summary>
internal static class KeyedPayload
{
    /// <summary>
    /// The files for the ConfigMap <paramref name="configMap"/> (null when it does not exist and is optional): its
    /// data and binaryData keys. Throws <see cref="VolumeSetupException"/> for a listed key it lacks unless optional.
    /// </summary>
    public static Dictionary<string, VolumeFile> ForConfigMap(string volumeName, V1ConfigMap? configMap, IList<V1KeyToPath>? items, int defaultMode, bool optional)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in configMap?.Data ?? new Dictionary<string, string>())
        {
            data[key] = Encoding.UTF8.GetBytes(value ?? "");
        }
        foreach (var (key, value) in configMap?.BinaryData ?? new Dictionary<string, byte[]>())
        {
            data[key] = value ?? [];
        }
        return Build(volumeName, data, items, defaultMode, optional, "configmap references non-existent config key: ");
    }

    /// <summary>
    /// The files for the Secret <paramref name="secret"/> (null when it does not exist and is optional). Throws
    /// <see cref="VolumeSetupException"/> for a listed key it lacks unless optional.
    /// </summary>
    public static Dictionary<string, VolumeFile> ForSecret(string volumeName, V1Secret? secret, IList<V1KeyToPath>? items, int defaultMode, bool optional)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in secret?.Data ?? new Dictionary<string, byte[]>())
        {
            data[key] = value ?? [];
        }
        return Build(volumeName, data, items, defaultMode, optional, "references non-existent secret key: ");
    }

    private static Dictionary<string, VolumeFile> Build(string volumeName, Dictionary<string, byte[]> data, IList<V1KeyToPath>? items,
        int defaultMode, bool optional, string missingKeyMessage)
    {
        var files = new Dictionary<string, VolumeFile>(StringComparer.Ordinal);
        if (items is null || items.Count == 0)
        {
            foreach (var (key, value) in data)
            {
                files[key] = new VolumeFile(value, defaultMode);
            }
            return files;
        }
        foreach (var item in items)
        {
            if (!data.TryGetValue(item.Key ?? "", out var value))
            {
                if (optional)
                {
                    continue;
                }
                throw new VolumeSetupException(volumeName, missingKeyMessage + item.Key);
            }
            files[item.Path ?? ""] = new VolumeFile(value, item.Mode ?? defaultMode);
        }
        return files;
    }
}
