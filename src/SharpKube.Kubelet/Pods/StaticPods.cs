using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// Static pods: pods the kubelet runs from manifest files in its manifest directory (<c>&lt;data-dir&gt;/agent/pod-manifests</c>),
/// whatever the API server says, as upstream's file source: named <c>&lt;name&gt;-&lt;node&gt;</c>, with a uid derived from the
/// manifest and the node, and the <c>kubernetes.io/config.*</c> annotations. The API sees them through mirror pods.
/// </summary>
public sealed class StaticPods(string manifestDir, string nodeName, ILogger logger)
{
    /// <summary>The annotation naming where a pod came from (<c>file</c> for static pods, <c>api</c> otherwise).</summary>
    public const string ConfigSourceAnnotation = "kubernetes.io/config.source";

    /// <summary>The annotation holding a static pod's hash (its uid).</summary>
    public const string ConfigHashAnnotation = "kubernetes.io/config.hash";

    /// <summary>The annotation that marks a mirror pod, holding its static pod's hash.</summary>
    public const string ConfigMirrorAnnotation = "kubernetes.io/config.mirror";

    /// <summary>The annotation with when the kubelet first saw the pod.</summary>
    public const string ConfigSeenAnnotation = "kubernetes.io/config.seen";

    private readonly Dictionary<string, (string Text, V1Pod Pod)> _byFile = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="pod"/> is a static pod of this kubelet.</summary>
    public static bool IsStatic(V1Pod pod) => pod.Metadata?.Annotations?.TryGetValue(ConfigSourceAnnotation, out var source) == true && source == "file";

    /// <summary>Whether <paramref name="pod"/> is a mirror pod (the API's copy of a static pod).</summary>
    public static bool IsMirror(V1Pod pod) => pod.Metadata?.Annotations?.ContainsKey(ConfigMirrorAnnotation) == true;

    /// <summary>
    /// The static pods the manifest directory holds now. A file that did not change keeps its pod object (and the status
    /// the kubelet keeps on it); an unreadable manifest is logged and left out.
    /// </summary>
    public IReadOnlyList<V1Pod> Read()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(manifestDir))
        {
            foreach (var file in Directory.EnumerateFiles(manifestDir).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                seen.Add(file);
                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (IOException e)
                {
                    logger.LogWarning("Could not read the static pod manifest {File}: {Error}", file, e.Message);
                    continue;
                }
                if (_byFile.TryGetValue(file, out var known) && known.Text == text)
                {
                    continue;
                }
                try
                {
                    _byFile[file] = (text, FromManifest(file, text));
                }
                catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidDataException or ArgumentException)
                {
                    logger.LogWarning("The static pod manifest {File} is not a usable Pod: {Error}", file, e.Message);
                    _byFile.Remove(file);
                }
            }
        }
        foreach (var gone in _byFile.Keys.Where(f => !seen.Contains(f)).ToList())
        {
            _byFile.Remove(gone);
        }
        return [.. _byFile.Values.Select(v => v.Pod)];
    }

    private V1Pod FromManifest(string file, string text)
    {
        var pod = KubernetesYaml.Deserialize<V1Pod>(text);
        if (pod?.Metadata?.Name is not { Length: > 0 } || pod.Spec?.Containers is not { Count: > 0 })
        {
            throw new InvalidDataException("a Pod with metadata.name and at least one container is required");
        }
        if (pod.Kind is { } kind && kind != "Pod")
        {
            throw new InvalidDataException($"kind {kind} is not Pod");
        }
        var uid = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file + "\n" + nodeName + "\n" + text)))[..32];
        pod.ApiVersion = "v1";
        pod.Kind = "Pod";
        pod.Metadata.Name = pod.Metadata.Name + "-" + nodeName;
        pod.Metadata.NamespaceProperty ??= "default";
        pod.Metadata.Uid = uid;
        pod.Metadata.Annotations ??= new Dictionary<string, string>();
        pod.Metadata.Annotations[ConfigSourceAnnotation] = "file";
        pod.Metadata.Annotations[ConfigHashAnnotation] = uid;
        pod.Metadata.Annotations[ConfigSeenAnnotation] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);
        pod.Spec.NodeName = nodeName;
        pod.Spec.RestartPolicy ??= "Always";
        pod.Spec.DnsPolicy ??= "ClusterFirst";
        pod.Spec.TerminationGracePeriodSeconds ??= 30;
        pod.Status = null;
        return pod;
    }
}
