using System.Text;
using k8s.Models;
using SharpKube.Kubelet.DownwardApi;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// The files of a downwardAPI volume (or projection): each item's pod field or container resource, formatted as the
/// downward API formats it, at the item's path with its own mode or the default mode.
/// </summary>
internal static class DownwardApiPayload
{
    /// <summary>
    /// The files for <paramref name="items"/> of <paramref name="pod"/>. Throws <see cref="VolumeSetupException"/> for
    /// an unsupported field or resource, or a resourceFieldRef naming a container the pod does not have.
    /// </summary>
    public static Dictionary<string, VolumeFile> Build(string volumeName, V1Pod pod, IList<V1DownwardAPIVolumeFile>? items, int defaultMode,
        IDictionary<string, ResourceQuantity>? nodeAllocatable)
    {
        var files = new Dictionary<string, VolumeFile>(StringComparer.Ordinal);
        foreach (var item in items ?? [])
        {
            string value;
            try
            {
                value = Resolve(pod, item, nodeAllocatable);
            }
            catch (ArgumentException e)
            {
                throw new VolumeSetupException(volumeName, e.Message, e);
            }
            catch (InvalidOperationException e)
            {
                throw new VolumeSetupException(volumeName, e.Message, e);
            }
            files[item.Path ?? ""] = new VolumeFile(Encoding.UTF8.GetBytes(value), item.Mode ?? defaultMode);
        }
        return files;
    }

    private static string Resolve(V1Pod pod, V1DownwardAPIVolumeFile item, IDictionary<string, ResourceQuantity>? nodeAllocatable)
    {
        if (item.FieldRef is { } field)
        {
            return PodFieldPath.Resolve(pod, field.FieldPath ?? "");
        }
        if (item.ResourceFieldRef is { } resource)
        {
            var name = resource.ContainerName ?? "";
            // Init containers count too, as upstream looks the container up among both.
            var container = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).FirstOrDefault(c => c.Name == name)
                ?? throw new InvalidOperationException($"container {name} not found");
            return ContainerResourceField.Resolve(container, resource, nodeAllocatable);
        }
        throw new InvalidOperationException($"downwardAPI item {item.Path} has neither fieldRef nor resourceFieldRef");
    }
}
