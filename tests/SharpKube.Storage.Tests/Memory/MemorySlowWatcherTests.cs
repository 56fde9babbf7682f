using SharpKube.Storage.Memory;
using SharpKube.Storage.Tests.Contract;

namespace SharpKube.Storage.Tests.Memory;

public sealed class MemorySlowWatcherTests : SlowWatcherTests
{
    protected override Task<IKeyValueStore> OpenStoreAsync() =>
        Task.FromResult<IKeyValueStore>(new MemoryStore(maxPendingWatchEvents: MaxPendingEvents));
}
