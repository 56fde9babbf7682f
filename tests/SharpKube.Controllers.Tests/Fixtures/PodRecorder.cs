using k8s;
using k8s.Models;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>
/// Watches the pods of a namespace from the moment it starts and remembers, per controller uid, the most active
/// (not terminating) pods it ever controlled at once — how a test proves no controller overshot, even briefly.
/// </summary>
public sealed class PodRecorder : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _maxActive = new(StringComparer.Ordinal);
    private readonly HashSet<string> _everAdded = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _run;

    private PodRecorder(Kubernetes client, string ns)
    {
        _run = Task.Run(() => RunAsync(new ResourceClient<V1Pod>(client), ns, _stop.Token));
    }

    /// <summary>Starts recording once the initial list is in.</summary>
    public static async Task<PodRecorder> StartAsync(Kubernetes client, string ns)
    {
        var recorder = new PodRecorder(client, ns);
        await recorder._started.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return recorder;
    }

    /// <summary>How many distinct pods were ever seen.</summary>
    public int PodsSeen
    {
        get
        {
            lock (_lock)
            {
                return _everAdded.Count;
            }
        }
    }

    /// <summary>The most active pods <paramref name="controllerUid"/> ever controlled at once.</summary>
    public int MaxActive(string controllerUid)
    {
        lock (_lock)
        {
            return _maxActive.GetValueOrDefault(controllerUid);
        }
    }

    /// <summary>The active pods <paramref name="controllerUid"/> controls now (as far as the watch has seen).</summary>
    public int Active(string controllerUid)
    {
        lock (_lock)
        {
            return CountActive(controllerUid);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Stopping cancels the watch mid-read, however the stream reports it.
        }
        _stop.Dispose();
    }

    private async Task RunAsync(ResourceClient<V1Pod> client, string ns, CancellationToken cancellationToken)
    {
        var list = await client.ListAsync(ns, new ListRequest(), cancellationToken);
        foreach (var pod in list.Items)
        {
            Apply(WatchEventType.Added, pod);
        }
        _started.TrySetResult();
        var resourceVersion = list.ResourceVersion;
        while (!cancellationToken.IsCancellationRequested)
        {
            await foreach (var change in client.WatchAsync(ns, new WatchRequest { ResourceVersion = resourceVersion, TimeoutSeconds = 3600 },
                cancellationToken))
            {
                if (change.Object is { } pod && change.Type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
                {
                    Apply(change.Type, pod);
                    resourceVersion = pod.Metadata.ResourceVersion;
                }
            }
        }
    }

    private void Apply(WatchEventType type, V1Pod pod)
    {
        lock (_lock)
        {
            if (type == WatchEventType.Deleted)
            {
                _pods.Remove(pod.Metadata.Uid);
            }
            else
            {
                _pods[pod.Metadata.Uid] = pod;
                _everAdded.Add(pod.Metadata.Uid);
            }
            if (pod.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true) is { } owner)
            {
                _maxActive[owner.Uid] = Math.Max(_maxActive.GetValueOrDefault(owner.Uid), CountActive(owner.Uid));
            }
        }
    }

    private int CountActive(string controllerUid) =>
        _pods.Values.Count(p => p.Metadata.DeletionTimestamp is null
            && p.Metadata.OwnerReferences?.Any(r => r.Controller == true && r.Uid == controllerUid) == true);
}
