namespace SharpKube.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task EmptyKey_IsRejectedWithInvalidKey()
    {
        var error = await Assert.ThrowsAsync<StorageException>(async () => await Store.CreateAsync("", Bytes("v"), cancellationToken: Ct));

        Assert.Equal(StorageErrorCode.InvalidKey, error.Code);
    }

    [Fact]
    public async Task KeyOverTheLimit_IsRejectedWithInvalidKey_AndKeyAtTheLimitWorks()
    {
        var atLimit = "/" + new string('k', StorageLimits.MaxKeyBytes - 1);
        var overLimit = atLimit + "x";

        await Store.CreateAsync(atLimit, Bytes("v"), cancellationToken: Ct);
        var error = await Assert.ThrowsAsync<StorageException>(async () => await Store.CreateAsync(overLimit, Bytes("v"), cancellationToken: Ct));

        Assert.Equal(StorageErrorCode.InvalidKey, error.Code);
        Assert.Contains($"{StorageLimits.MaxKeyBytes}", error.Message, StringComparison.Ordinal);
        Assert.Equal("v", Text(await Store.GetAsync(atLimit, cancellationToken: Ct)));
    }

    [Fact]
    public async Task KeyWithALoneSurrogate_IsRejectedWithInvalidKey()
    {
        var error = await Assert.ThrowsAsync<StorageException>(async () => await Store.CreateAsync("/bad\uD800key", Bytes("v"), cancellationToken: Ct));

        Assert.Equal(StorageErrorCode.InvalidKey, error.Code);
    }

    [Fact]
    public async Task ValueOverTheLimit_IsRejectedWithValueTooLarge_AndLosesNothing()
    {
        var created = await Store.CreateAsync("/big", Bytes("small"), cancellationToken: Ct);
        var huge = new byte[StorageLimits.MaxValueBytes + 1];

        var create = await Assert.ThrowsAsync<StorageException>(async () => await Store.CreateAsync("/big2", huge, cancellationToken: Ct));
        var update = await Assert.ThrowsAsync<StorageException>(async () => await Store.UpdateAsync("/big", huge, created.ModRevision, cancellationToken: Ct));

        Assert.Equal(StorageErrorCode.ValueTooLarge, create.Code);
        Assert.Equal(StorageErrorCode.ValueTooLarge, update.Code);
        Assert.Equal("small", Text(await Store.GetAsync("/big", cancellationToken: Ct)));
        Assert.Null(await Store.GetAsync("/big2", cancellationToken: Ct));
    }

    [Fact]
    public async Task BinaryValues_IncludingNonUtf8AndEmpty_RoundTripExactly()
    {
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(new byte[] { 0xC3, 0x28, 0xFF, 0xFE, 0x00 }).ToArray();
        var large = new byte[StorageLimits.MaxValueBytes];
        new Random(7).NextBytes(large);

        await Store.CreateAsync("/bin", binary, cancellationToken: Ct);
        await Store.CreateAsync("/empty", ReadOnlyMemory<byte>.Empty, cancellationToken: Ct);
        await Store.CreateAsync("/large", large, cancellationToken: Ct);

        Assert.Equal(binary, (await Store.GetAsync("/bin", cancellationToken: Ct))!.Value.ToArray());
        Assert.Equal(0, (await Store.GetAsync("/empty", cancellationToken: Ct))!.Value.Length);
        Assert.Equal(large, (await Store.GetAsync("/large", cancellationToken: Ct))!.Value.ToArray());
    }

    [Fact]
    public async Task UnicodeKeys_RoundTrip()
    {
        const string key = "/registry/configmaps/défaut/名前-\U0001F600";

        await Store.CreateAsync(key, Bytes("v"), cancellationToken: Ct);

        Assert.Equal(key, Assert.Single((await Store.ListAsync("/registry/configmaps/", cancellationToken: Ct)).Items).Key);
        Assert.Equal("v", Text(await Store.GetAsync(key, cancellationToken: Ct)));
    }
}
