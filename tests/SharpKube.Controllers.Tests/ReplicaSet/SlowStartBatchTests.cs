using SharpKube.Controllers.ReplicaSet;

namespace SharpKube.Controllers.Tests.ReplicaSet;

public sealed class SlowStartBatchTests
{
    [Fact]
    public async Task AllSucceed_RunsEveryCall()
    {
        var calls = 0;
        var (successes, error) = await SlowStartBatch.RunAsync(10, 1, () => { Interlocked.Increment(ref calls); return Task.CompletedTask; });
        Assert.Equal((10, null), (successes, error));
        Assert.Equal(10, calls);
    }

    [Fact]
    public async Task AFailure_StopsAfterItsBatch()
    {
        var calls = 0;
        // Batches 1, 2, 4: the fourth call fails, its batch completes, nothing more starts.
        var (successes, error) = await SlowStartBatch.RunAsync(20, 1, () =>
            Interlocked.Increment(ref calls) == 4 ? Task.FromException(new InvalidOperationException("quota")) : Task.CompletedTask);
        Assert.Equal(7, calls);
        Assert.Equal(6, successes);
        Assert.Equal("quota", Assert.IsType<InvalidOperationException>(error).Message);
    }

    [Fact]
    public async Task NothingToDo_CallsNothing()
    {
        var (successes, error) = await SlowStartBatch.RunAsync(0, 1, () => throw new InvalidOperationException());
        Assert.Equal((0, null), (successes, error));
    }
}
