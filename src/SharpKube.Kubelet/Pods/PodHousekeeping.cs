using SharpKube.Kubelet.Cgroups;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// The kubelet's housekeeping pass, every few seconds: pods with volumes on disk that the kubelet no longer knows
/// (deleted while it was down) are synced, which removes them, and pod cgroups that were busy when their pod was
/// removed are removed.
/// </summary>
public sealed class PodHousekeeping(PodVolumes volumes, PodCgroups cgroups, Func<string, bool> isKnown, Action<string> sync, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Runs the pass until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            cgroups.RetryPending();
            foreach (var uid in volumes.PodUidsOnDisk().Where(uid => !isKnown(uid)))
            {
                sync(uid);
            }
            try
            {
                await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
