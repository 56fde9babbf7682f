using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.GarbageCollector;

namespace SharpKube.Controllers.Tests.GarbageCollector;

public sealed class DependencyGraphTests : IDisposable
{
    private readonly RateLimitingQueue<string> _delete = new();
    private readonly RateLimitingQueue<string> _orphan = new();
    private readonly DependencyGraph _graph;

    public DependencyGraphTests()
    {
        _graph = new DependencyGraph(_delete, _orphan, new AbsentOwnerCache(), NullLogger.Instance);
    }

    public void Dispose()
    {
        _delete.Dispose();
        _orphan.Dispose();
    }

    [Fact]
    public async Task AnOwnerOnlyKnownFromAReference_IsAVirtualNodeQueuedForChecking()
    {
        _graph.Apply(Upsert(Object("pod", "p1", Reference("rs", "r1"))));

        Assert.Equal(["r1"], await DrainAsync(_delete));
        var owner = _graph.Snapshot("r1")!;
        Assert.False(owner.Observed);
        Assert.Equal("p1", Assert.Single(owner.Dependents).Identity.Uid);

        _graph.Apply(Upsert(Object("rs", "r1")));
        Assert.True(_graph.Snapshot("r1")!.Observed);
    }

    [Fact]
    public async Task AnOwnersDeletion_QueuesItsDependents()
    {
        _graph.Apply(Upsert(Object("rs", "r1")));
        _graph.Apply(Upsert(Object("pod", "p1", Reference("rs", "r1"))));
        _graph.Apply(Upsert(Object("pod", "p2", Reference("rs", "r1"))));
        Assert.Empty(await DrainAsync(_delete));

        _graph.Apply(new GraphChange(GraphChangeType.Delete, Object("rs", "r1"), null));

        Assert.Equal(["p1", "p2"], (await DrainAsync(_delete)).Order());
        Assert.Null(_graph.Snapshot("r1"));
    }

    [Fact]
    public async Task ForegroundAndOrphanFinalizers_QueueTheRightWork()
    {
        _graph.Apply(Upsert(Object("rs", "r1")));
        _graph.Apply(Upsert(Object("pod", "p1", Reference("rs", "r1", block: true))));

        _graph.Apply(Upsert(Deleting(Object("rs", "r1"), "foregroundDeletion")));
        Assert.Equal(["p1", "r1"], (await DrainAsync(_delete)).Order());
        var owner = _graph.Snapshot("r1")!;
        Assert.True(owner.DeletingDependents);
        Assert.True(Assert.Single(owner.Dependents).BlocksOwner);

        _graph.Apply(Upsert(Deleting(Object("rs", "r2"), "orphan")));
        Assert.Equal(["r2"], await DrainAsync(_orphan));
    }

    [Fact]
    public async Task AReferenceWithTheRightUidButWrongKind_QueuesTheDependent()
    {
        _graph.Apply(Upsert(Object("configmap", "c1")));
        _graph.Apply(Upsert(Object("pod", "p1", Reference("secret", "c1"))));

        Assert.Equal(["p1"], await DrainAsync(_delete));
    }

    [Fact]
    public async Task DroppingAReference_ToAnOwnerWaitingForDependents_QueuesTheOwner()
    {
        _graph.Apply(Upsert(Deleting(Object("rs", "r1"), "foregroundDeletion")));
        _graph.Apply(Upsert(Object("pod", "p1", Reference("rs", "r1", block: true))));
        await DrainAsync(_delete);

        _graph.Apply(Upsert(Object("pod", "p1")));

        Assert.Equal(["r1"], await DrainAsync(_delete));
        Assert.Empty(_graph.Snapshot("r1")!.Dependents);
    }

    private static GraphChange Upsert(PartialObjectMetadata obj) => new(GraphChangeType.Upsert, obj, null);

    private static PartialObjectMetadata Object(string kind, string uid, params V1OwnerReference[] owners) => new()
    {
        ApiVersion = "v1",
        Kind = kind,
        Metadata = new V1ObjectMeta { Name = uid, NamespaceProperty = "ns", Uid = uid, OwnerReferences = owners.Length == 0 ? null : owners },
    };

    private static PartialObjectMetadata Deleting(PartialObjectMetadata obj, string finalizer)
    {
        obj.Metadata.DeletionTimestamp = DateTime.UtcNow;
        obj.Metadata.Finalizers = [finalizer];
        return obj;
    }

    private static V1OwnerReference Reference(string kind, string uid, bool block = false) =>
        new() { ApiVersion = "v1", Kind = kind, Name = uid, Uid = uid, BlockOwnerDeletion = block };

    /// <summary>Every key waiting in the queue now.</summary>
    private static async Task<List<string>> DrainAsync(RateLimitingQueue<string> queue)
    {
        var keys = new List<string>();
        while (queue.Count > 0)
        {
            var (key, _) = await queue.GetAsync(TestContext.Current.CancellationToken);
            keys.Add(key);
            queue.Done(key);
        }
        return keys;
    }
}
