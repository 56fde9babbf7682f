using System.Globalization;
using k8s;
using k8s.Models;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>
/// Records the watch events of one resource in a namespace from the moment it starts. A DELETED event carries the
/// revision of the deletion, and revisions are global, so tests can tell in which order objects went away.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class WatchRecorder<T> : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly List<(WatchEventType Type, string Name, long Revision)> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _run;

    private WatchRecorder(Kubernetes client, string ns)
    {
        _run = Task.Run(() => RunAsync(new ResourceClient<T>(client), ns, _stop.Token));
    }

    /// <summary>Starts recording after the current state (only later changes are recorded).</summary>
    public static async Task<WatchRecorder<T>> StartAsync(Kubernetes client, string ns)
    {
        var recorder = new WatchRecorder<T>(client, ns);
        await recorder._started.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return recorder;
    }

    /// <summary>The revision at which <paramref name="name"/> was deleted, or null when it was not (yet).</summary>
    public long? DeletedAt(string name)
    {
        lock (_lock)
        {
            return _events.Where(e => e.Type == WatchEventType.Deleted && e.Name == name).Select(e => (long?)e.Revision).FirstOrDefault();
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

    private async Task RunAsync(ResourceClient<T> client, string ns, CancellationToken cancellationToken)
    {
        var resourceVersion = (await client.ListAsync(ns, new ListRequest(), cancellationToken)).ResourceVersion;
        _started.TrySetResult();
        while (!cancellationToken.IsCancellationRequested)
        {
            await foreach (var change in client.WatchAsync(ns, new WatchRequest { ResourceVersion = resourceVersion, TimeoutSeconds = 3600 },
                cancellationToken))
            {
                if (change.Object is not { } obj || change.Type is WatchEventType.Bookmark or WatchEventType.Error)
                {
                    continue;
                }
                resourceVersion = obj.Metadata.ResourceVersion;
                lock (_lock)
                {
                    _events.Add((change.Type, obj.Metadata.Name, long.Parse(resourceVersion, CultureInfo.InvariantCulture)));
                }
            }
        }
    }
}
