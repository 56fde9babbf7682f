using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;

namespace SharpKube.Client.Tests.Informers;

/// <summary>
/// A real list/watch against the server that counts its calls and can hold the next watch back until released,
/// so a test can make changes while the informer is not watching.
/// </summary>
public sealed class CountingListWatch<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ListWatch<T> _inner;
    private volatile TaskCompletionSource? _gate;
    private volatile TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _lists;
    private int _watches;

    public CountingListWatch(ResourceClient<T> client, string ns)
    {
        _inner = new ListWatch<T>(client, ns);
        ListWatch = new ListWatch<T>(ListAsync, WatchAsync);
    }

    public ListWatch<T> ListWatch { get; }

    public int Lists => Volatile.Read(ref _lists);

    public int Watches => Volatile.Read(ref _watches);

    /// <summary>The resourceVersions the watches started from, in order.</summary>
    public List<string?> WatchedFrom { get; } = [];

    /// <summary>Holds the next watch back; completes once the informer is waiting on it (its previous stream ended).</summary>
    public Task HoldNextWatchAsync()
    {
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _held.Task;
    }

    public void Release() => _gate?.TrySetResult();

    private Task<ResourceList<T>> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lists);
        return _inner.ListFunc(request, cancellationToken);
    }

    private async IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_gate is { } gate)
        {
            _held.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
            _gate = null;
        }
        lock (WatchedFrom)
        {
            WatchedFrom.Add(request.ResourceVersion);
        }
        Interlocked.Increment(ref _watches);
        await foreach (var change in _inner.WatchFunc(request, cancellationToken))
        {
            yield return change;
        }
    }
}
