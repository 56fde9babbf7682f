using Microsoft.Extensions.Logging;
using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Pleg;

/// <summary>
/// The pod lifecycle event generator: relists the runtime's sandboxes and containers every interval and wakes the
/// worker of every pod whose containers changed state, appeared or disappeared — so a container that exits is noticed
/// within a second, and pods the runtime holds but the API no longer has (after a kubelet restart, say) are synced
/// and removed.
/// </summary>
public sealed class RuntimeRelist(RuntimePodReader reader, Action<string> podChanged, TimeSpan interval, TimeProvider time, ILogger logger)
{
    private Dictionary<string, string> _last = new(StringComparer.Ordinal);
    private volatile HashSet<string> _running = new(StringComparer.Ordinal);

    /// <summary>When the last relist succeeded.</summary>
    public DateTimeOffset LastRelist { get; private set; }

    /// <summary>The uids of every pod the runtime held at the last relist.</summary>
    public IReadOnlyCollection<string> PodUids => _last.Keys;

    /// <summary>Whether container <paramref name="containerId"/> was running at the last relist.</summary>
    public bool IsRunning(string containerId) => _running.Contains(containerId);

    /// <summary>Relists until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var (fingerprints, running) = await reader.FingerprintsAsync(cancellationToken).ConfigureAwait(false);
                _running = running;
                RelistOnce(fingerprints);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug("Relisting the runtime failed: {Error}", e.Message);
            }
            try
            {
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void RelistOnce(Dictionary<string, string> current)
    {
        foreach (var (uid, fingerprint) in current)
        {
            if (!_last.TryGetValue(uid, out var before) || before != fingerprint)
            {
                podChanged(uid);
            }
        }
        foreach (var uid in _last.Keys.Where(uid => !current.ContainsKey(uid)))
        {
            podChanged(uid);
        }
        _last = current;
        LastRelist = time.GetUtcNow();
    }
}
