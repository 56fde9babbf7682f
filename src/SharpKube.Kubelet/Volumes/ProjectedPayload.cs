using System.Text;
using k8s.Models;
using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// The files of a projected volume: its ConfigMap, Secret, downwardAPI and serviceAccountToken sources merged into
/// one directory, every source using the volume's default mode unless an item sets its own.
/// </summary>
/// <remarks>
/// Tokens come from the TokenRequest API (see <see cref="ServiceAccountTokenManager"/>); a refused request fails the
/// volume with upstream's <c>failed to fetch token: …</c>. Without a token source the serviceAccountToken files are
/// left out. clusterTrustBundle and podCertificate sources are not supported and fail the volume.
/// </remarks>
internal static class ProjectedPayload
{
    private const long DefaultTokenExpirationSeconds = 3600;

    /// <summary>Collects the files of every source of <paramref name="source"/>.</summary>
    public static async Task<Dictionary<string, VolumeFile>> BuildAsync(string volumeName, V1Pod pod, V1ProjectedVolumeSource source,
        ReferencedObjects referencedObjects, Func<V1Pod, string, long, CancellationToken, Task<string?>>? serviceAccountToken,
        IDictionary<string, ResourceQuantity>? nodeAllocatable, CancellationToken cancellationToken)
    {
        var defaultMode = source.DefaultMode ?? PodVolumes.DefaultFileMode;
        var namespaceName = pod.Metadata?.NamespaceProperty ?? "";
        var files = new Dictionary<string, VolumeFile>(StringComparer.Ordinal);
        foreach (var projection in source.Sources ?? [])
        {
            Dictionary<string, VolumeFile> part;
            if (projection.ConfigMap is { } configMapSource)
            {
                var optional = configMapSource.Optional ?? false;
                var configMap = await referencedObjects.GetConfigMapAsync(namespaceName, configMapSource.Name ?? "", cancellationToken);
                if (configMap is null && !optional)
                {
                    throw new VolumeSetupException(volumeName, $"configmap \"{configMapSource.Name}\" not found");
                }
                part = KeyedPayload.ForConfigMap(volumeName, configMap, configMapSource.Items, defaultMode, optional);
            }
            else if (projection.Secret is { } secretSource)
            {
                var optional = secretSource.Optional ?? false;
                var secret = await referencedObjects.GetSecretAsync(namespaceName, secretSource.Name ?? "", cancellationToken);
                if (secret is null && !optional)
                {
                    throw new VolumeSetupException(volumeName, $"secret \"{secretSource.Name}\" not found");
                }
                part = KeyedPayload.ForSecret(volumeName, secret, secretSource.Items, defaultMode, optional);
            }
            else if (projection.DownwardAPI is { } downwardApi)
            {
                part = DownwardApiPayload.Build(volumeName, pod, downwardApi.Items, defaultMode, nodeAllocatable);
            }
            else if (projection.ServiceAccountToken is { } tokenSource)
            {
                part = [];
                string? token;
                try
                {
                    token = serviceAccountToken is null ? null
                        : await serviceAccountToken(pod, tokenSource.Audience ?? "", tokenSource.ExpirationSeconds ?? DefaultTokenExpirationSeconds, cancellationToken);
                }
                catch (ServiceAccountTokenException e)
                {
                    throw new VolumeSetupException(volumeName, "failed to fetch token: " + e.Message, e);
                }
                if (token is not null)
                {
                    // With fsGroup upstream starts the token at 0600 and lets the ownership rule open it to the group.
                    var mode = pod.Spec?.SecurityContext?.FsGroup is null ? defaultMode : 0x180;
                    part[tokenSource.Path ?? ""] = new VolumeFile(Encoding.UTF8.GetBytes(token), mode);
                }
            }
            else
            {
                var kind = projection.ClusterTrustBundle is not null ? "clusterTrustBundle"
                    : projection.PodCertificate is not null ? "podCertificate" : "unknown";
                throw new VolumeSetupException(volumeName, $"projected source {kind} is not supported");
            }
            foreach (var (path, file) in part)
            {
                files[path] = file;
            }
        }
        return files;
    }
}
