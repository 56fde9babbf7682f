namespace SharpKube.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task ConcurrentCompareAndSwapIncrements_LoseNoUpdate()
    {
        const int workers = 16;
        const int incrementsEach = 25;
        await Store.CreateAsync("/counter", Bytes("0"), cancellationToken: Ct);
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < incrementsEach; i++)
            {
                while (true)
                {
                    var current = (await Store.GetAsync("/counter", cancellationToken: Ct))!;
                    var next = int.Parse(Text(current), System.Globalization.CultureInfo.InvariantCulture) + 1;
                    try
                    {
                        await Store.UpdateAsync("/counter", Bytes(next.ToString(System.Globalization.CultureInfo.InvariantCulture)), current.ModRevision, cancellationToken: Ct);
                        break;
                    }
                    catch (StorageException e) when (e.Code == StorageErrorCode.Conflict)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        }, Ct)));

        Assert.Equal((workers * incrementsEach).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Text(await Store.GetAsync("/counter", cancellationToken: Ct)));
    }

    [Fact]
    public async Task ConcurrentCreatesOfOneKey_ExactlyOneWins()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await Store.CreateAsync("/race", Bytes($"{i}"), cancellationToken: Ct);
                return true;
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.AlreadyExists)
            {
                return false;
            }
        }, Ct)));

        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task ConcurrentWriters_GetDistinctConsecutiveRevisions()
    {
        var start = await Store.CurrentRevisionAsync(Ct);

        var revisions = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
            (await Store.CreateAsync($"/rev/{i}", Bytes("v"), cancellationToken: Ct)).ModRevision, Ct)));

        Assert.Equal(Enumerable.Range(1, 200).Select(i => start + i), revisions.Order());
    }
}
