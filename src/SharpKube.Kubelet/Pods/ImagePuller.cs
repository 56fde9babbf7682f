using System.Diagnostics;
using Grpc.Core;
using k8s.Models;
using SharpKube.Client.Events;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// Makes sure a container's image is in the runtime before it is created, per its <c>imagePullPolicy</c>: Always
/// pulls, IfNotPresent pulls only when the runtime does not have it (imported images are used as they are), Never
/// only uses what is there. Records upstream's Pulling/Pulled/Failed events.
/// </summary>
public sealed class ImagePuller(ImageService.ImageServiceClient images, EventRecorder events)
{
    /// <summary>The image reference (the runtime's image id) to create <paramref name="container"/> from.</summary>
    /// <exception cref="ImagePullException">The image is missing and may not, or could not, be pulled.</exception>
    public async Task<string> EnsureAsync(V1Pod pod, V1Container container, CancellationToken cancellationToken)
    {
        var image = container.Image ?? "";
        var policy = container.ImagePullPolicy ?? DefaultPolicy(image);
        if (policy != "Always")
        {
            var present = await images.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = image } }, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            if (present.Image is { } found)
            {
                events.Event(pod, EventType.Normal, "Pulled", $"Container image \"{image}\" already present on machine");
                return found.Id;
            }
            if (policy == "Never")
            {
                var message = $"Container image \"{image}\" is not present with pull policy of Never";
                events.Event(pod, EventType.Warning, "ErrImageNeverPull", message);
                throw new ImagePullException("ErrImageNeverPull", message);
            }
        }
        events.Event(pod, EventType.Normal, "Pulling", $"Pulling image \"{image}\"");
        var started = Stopwatch.GetTimestamp();
        try
        {
            var pulled = await images.PullImageAsync(new PullImageRequest { Image = new ImageSpec { Image = image } }, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            events.Event(pod, EventType.Normal, "Pulled", $"Successfully pulled image \"{image}\" in {seconds:0.###}s ({seconds:0.###}s including waiting)");
            return pulled.ImageRef;
        }
        catch (RpcException e)
        {
            var message = $"Failed to pull image \"{image}\": {e.Status.Detail}";
            events.Event(pod, EventType.Warning, "Failed", message);
            events.Event(pod, EventType.Warning, "Failed", "Error: ErrImagePull");
            throw new ImagePullException("ErrImagePull", message);
        }
    }

    /// <summary>Upstream's default: Always for an image tagged <c>latest</c> or not tagged (and not pinned by digest), else IfNotPresent.</summary>
    public static string DefaultPolicy(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var named = at < 0 ? image : image[..at];
        var lastSlash = named.LastIndexOf('/');
        var colon = named.LastIndexOf(':');
        var tag = colon > lastSlash ? named[(colon + 1)..] : "";
        if (at >= 0)
        {
            // Pinned by digest: Always only when it also says latest.
            return tag == "latest" ? "Always" : "IfNotPresent";
        }
        return tag is "" or "latest" ? "Always" : "IfNotPresent";
    }
}
