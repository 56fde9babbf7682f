using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Client.Resources;

namespace SharpKube.Client.Informers;

/// <summary>
/// Hands out one <see cref="SharedInformer{T}"/> per resource type, so every controller of a process shares one
/// list, one watch and one cache per resource. Ask for informers (<see cref="Informer{T}"/>) while building the
/// controllers, then <see cref="RunAsync"/> the factory; informers asked for while it runs start at once.
/// </summary>
public sealed class SharedInformerFactory
{
    private readonly Kubernetes _client;
    private readonly SharedInformerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly string? _namespace;
    private readonly Lock _lock = new();
    private readonly Dictionary<object, object> _informers = [];
    private readonly List<Func<CancellationToken, Task>> _pending = [];
    private readonly List<Func<CancellationToken, Task<bool>>> _syncWaits = [];
    private readonly List<Task> _running = [];
    private CancellationToken? _runToken;

    /// <summary>
    /// A factory whose informers use <paramref name="client"/>'s connection and follow all namespaces, or only
    /// <paramref name="ns"/> when given.
    /// </summary>
    public SharedInformerFactory(Kubernetes client, SharedInformerOptions? options = null, ILoggerFactory? loggerFactory = null, string? ns = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new SharedInformerOptions();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _namespace = ns;
    }

    /// <summary>The shared informer of <typeparamref name="T"/>'s resource (see <see cref="ApiResource.For{T}"/>).</summary>
    public SharedInformer<T> Informer<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        InformerFor(() => new SharedInformer<T>(new ListWatch<T>(new ResourceClient<T>(_client), _namespace), _options,
            _loggerFactory.CreateLogger("informer." + typeof(T).Name)));

    /// <summary>
    /// The shared informer of <typeparamref name="T"/>, created by <paramref name="create"/> the first time (for a
    /// resource the registry does not know, or a custom list/watch).
    /// </summary>
    public SharedInformer<T> InformerFor<T>(Func<SharedInformer<T>> create)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        InformerFor(typeof(T), create);

    /// <summary>
    /// The shared metadata-only informer of any resource (one per resource, whatever its kind): what generic
    /// controllers such as the garbage collector follow every resource with.
    /// </summary>
    public SharedInformer<PartialObjectMetadata> MetadataInformer(ApiResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return InformerFor(resource, () => new SharedInformer<PartialObjectMetadata>(
            new ListWatch<PartialObjectMetadata>(new ResourceClient<PartialObjectMetadata>(_client, resource), _namespace), _options,
            _loggerFactory.CreateLogger("informer.metadata." + resource.Plural + (resource.Group.Length == 0 ? "" : "." + resource.Group))));
    }

    private SharedInformer<T> InformerFor<T>(object key, Func<SharedInformer<T>> create)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_lock)
        {
            if (_informers.TryGetValue(key, out var existing))
            {
                return (SharedInformer<T>)existing;
            }
            var informer = create();
            _informers.Add(key, informer);
            _syncWaits.Add(informer.WaitForCacheSyncAsync);
            if (_runToken is { } token)
            {
                _running.Add(Task.Run(() => informer.RunAsync(token), CancellationToken.None));
            }
            else
            {
                _pending.Add(informer.RunAsync);
            }
            return informer;
        }
    }

    /// <summary>Waits until every informer handed out so far has synced: true, or false when cancelled first.</summary>
    public async Task<bool> WaitForCacheSyncAsync(CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task<bool>>[] waits;
        lock (_lock)
        {
            waits = [.. _syncWaits];
        }
        var results = await Task.WhenAll(waits.Select(wait => wait(cancellationToken))).ConfigureAwait(false);
        return results.All(synced => synced);
    }

    /// <summary>Runs every informer (those handed out later too) until cancelled, then waits for them to stop.</summary>
    /// <exception cref="InvalidOperationException">The factory already ran.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_runToken is not null)
            {
                throw new InvalidOperationException("the informer factory already ran");
            }
            _runToken = cancellationToken;
            foreach (var run in _pending)
            {
                _running.Add(Task.Run(() => run(cancellationToken), CancellationToken.None));
            }
            _pending.Clear();
        }
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
        }
        await Task.WhenAll(running).ConfigureAwait(false);
    }
}
