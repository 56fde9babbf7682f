namespace SharpKube.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Create_ThenGet_ReturnsTheValueWithItsRevisions()
    {
        var before = await Store.CurrentRevisionAsync(Ct);

        var created = await Store.CreateAsync("/registry/pods/default/web", Bytes("spec"), cancellationToken: Ct);
        var read = await Store.GetAsync("/registry/pods/default/web", cancellationToken: Ct);

        Assert.Equal(before + 1, created.ModRevision);
        Assert.Equal(created.ModRevision, created.CreateRevision);
        Assert.NotNull(read);
        Assert.Equal("spec", Text(read));
        Assert.Equal(created.ModRevision, read.ModRevision);
        Assert.Equal(created.CreateRevision, read.CreateRevision);
        Assert.Equal(created.ModRevision, await Store.CurrentRevisionAsync(Ct));
    }

    [Fact]
    public async Task Get_MissingKey_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync("/registry/pods/default/absent", cancellationToken: Ct));
    }

    [Fact]
    public async Task Create_WhenKeyExists_FailsWithAlreadyExistsAndKeepsTheValue()
    {
        await Store.CreateAsync("/k", Bytes("first"), cancellationToken: Ct);
        var revision = await Store.CurrentRevisionAsync(Ct);

        var error = await Assert.ThrowsAsync<StorageException>(async () => await Store.CreateAsync("/k", Bytes("second"), cancellationToken: Ct));

        Assert.Equal(StorageErrorCode.AlreadyExists, error.Code);
        Assert.Equal("first", Text(await Store.GetAsync("/k", cancellationToken: Ct)));
        Assert.Equal(revision, await Store.CurrentRevisionAsync(Ct));
    }

    [Fact]
    public async Task Update_WithCurrentModRevision_ReplacesTheValueAndKeepsCreateRevision()
    {
        var created = await Store.CreateAsync("/k", Bytes("v1"), cancellationToken: Ct);

        var updated = await Store.UpdateAsync("/k", Bytes("v2"), created.ModRevision, cancellationToken: Ct);

        Assert.Equal(created.ModRevision + 1, updated.ModRevision);
        Assert.Equal(created.CreateRevision, updated.CreateRevision);
        Assert.Equal("v2", Text(await Store.GetAsync("/k", cancellationToken: Ct)));
    }

    [Fact]
    public async Task Update_WithStaleModRevision_FailsWithConflictCarryingTheCurrentValue()
    {
        var created = await Store.CreateAsync("/k", Bytes("v1"), cancellationToken: Ct);
        var updated = await Store.UpdateAsync("/k", Bytes("v2"), created.ModRevision, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<StorageException>(async () =>
            await Store.UpdateAsync("/k", Bytes("v3"), created.ModRevision, cancellationToken: Ct));

        Assert.Equal(StorageErrorCode.Conflict, error.Code);
        Assert.NotNull(error.Current);
        Assert.Equal(updated.ModRevision, error.Current.ModRevision);
        Assert.Equal("v2", Text(error.Current));
        Assert.Equal("v2", Text(await Store.GetAsync("/k", cancellationToken: Ct)));
    }

    [Fact]
    public async Task Update_WithExpectedRevisionZero_ReplacesWhateverVersionIsLive()
    {
        var created = await Store.CreateAsync("/k", Bytes("v1"), cancellationToken: Ct);
        await Store.UpdateAsync("/k", Bytes("v2"), created.ModRevision, cancellationToken: Ct);

        var forced = await Store.UpdateAsync("/k", Bytes("v3"), 0, cancellationToken: Ct);

        Assert.Equal("v3", Text(await Store.GetAsync("/k", cancellationToken: Ct)));
        Assert.Equal(created.CreateRevision, forced.CreateRevision);
        var missing = await Assert.ThrowsAsync<StorageException>(async () => await Store.UpdateAsync("/absent", Bytes("v"), 0, cancellationToken: Ct));
        Assert.Equal(StorageErrorCode.NotFound, missing.Code);
    }

    [Fact]
    public async Task Update_MissingKey_FailsWithNotFound()
    {
        var error = await Assert.ThrowsAsync<StorageException>(async () =>
            await Store.UpdateAsync("/absent", Bytes("v"), 1, cancellationToken: Ct));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
        Assert.Null(await Store.GetAsync("/absent", cancellationToken: Ct));
    }

    [Fact]
    public async Task Delete_ReturnsTheDeletedValueAndTheKeyIsGone()
    {
        var created = await Store.CreateAsync("/k", Bytes("v1"), cancellationToken: Ct);

        var deleted = await Store.DeleteAsync("/k", cancellationToken: Ct);

        Assert.Equal(created.ModRevision + 1, deleted.Revision);
        Assert.Equal("v1", Text(deleted.Deleted));
        Assert.Equal(created.ModRevision, deleted.Deleted.ModRevision);
        Assert.Null(await Store.GetAsync("/k", cancellationToken: Ct));
        Assert.Equal(deleted.Revision, await Store.CurrentRevisionAsync(Ct));
    }

    [Fact]
    public async Task Delete_WithStaleModRevision_FailsWithConflictAndKeepsTheKey()
    {
        var created = await Store.CreateAsync("/k", Bytes("v1"), cancellationToken: Ct);
        await Store.UpdateAsync("/k", Bytes("v2"), created.ModRevision, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<StorageException>(async () =>
            await Store.DeleteAsync("/k", created.ModRevision, Ct));

        Assert.Equal(StorageErrorCode.Conflict, error.Code);
        Assert.Equal("v2", Text(await Store.GetAsync("/k", cancellationToken: Ct)));
    }

    [Fact]
    public async Task Delete_WithCurrentModRevision_Succeeds()
    {
        var created = await Store.CreateAsync("/k", Bytes("v1"), cancellationToken: Ct);

        var deleted = await Store.DeleteAsync("/k", created.ModRevision, Ct);

        Assert.Equal("v1", Text(deleted.Deleted));
        Assert.Null(await Store.GetAsync("/k", cancellationToken: Ct));
    }

    [Fact]
    public async Task Delete_MissingKey_FailsWithNotFound()
    {
        var error = await Assert.ThrowsAsync<StorageException>(async () => await Store.DeleteAsync("/absent", cancellationToken: Ct));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task Create_AfterDelete_StartsANewLifeWithANewCreateRevision()
    {
        var (created, _, deleted) = await CreateUpdateDeleteAsync("/k");

        var again = await Store.CreateAsync("/k", Bytes("v3"), cancellationToken: Ct);

        Assert.Equal(deleted + 1, again.CreateRevision);
        Assert.NotEqual(created, again.CreateRevision);
        Assert.Equal("v3", Text(await Store.GetAsync("/k", cancellationToken: Ct)));
    }

    [Fact]
    public async Task EveryWrite_BumpsTheRevisionByOne_AndFailedWritesDoNot()
    {
        var start = await Store.CurrentRevisionAsync(Ct);

        var a = await Store.CreateAsync("/a", Bytes("1"), cancellationToken: Ct);
        await Assert.ThrowsAsync<StorageException>(async () => await Store.CreateAsync("/a", Bytes("1"), cancellationToken: Ct));
        var b = await Store.CreateAsync("/b", Bytes("1"), cancellationToken: Ct);
        await Assert.ThrowsAsync<StorageException>(async () => await Store.UpdateAsync("/a", Bytes("2"), a.ModRevision + 100, cancellationToken: Ct));
        var c = await Store.UpdateAsync("/a", Bytes("2"), a.ModRevision, cancellationToken: Ct);
        var d = await Store.DeleteAsync("/b", cancellationToken: Ct);

        Assert.Equal([start + 1, start + 2, start + 3, start + 4], [a.ModRevision, b.ModRevision, c.ModRevision, d.Revision]);
        Assert.Equal(start + 4, await Store.CurrentRevisionAsync(Ct));
    }

    [Fact]
    public async Task Get_AtAPastRevision_ReturnsTheVersionThen()
    {
        var (created, updated, deleted) = await CreateUpdateDeleteAsync("/k");

        if (created > 1)
        {
            Assert.Null(await Store.GetAsync("/k", created - 1, Ct));
        }

        Assert.Equal("v1", Text(await Store.GetAsync("/k", created, Ct)));
        Assert.Equal("v2", Text(await Store.GetAsync("/k", updated, Ct)));
        Assert.Null(await Store.GetAsync("/k", deleted, Ct));
        Assert.Null(await Store.GetAsync("/k", cancellationToken: Ct));
    }

    [Fact]
    public async Task Read_AtAFutureRevision_FailsWithFutureRevision()
    {
        await Store.CreateAsync("/k", Bytes("v"), cancellationToken: Ct);
        var current = await Store.CurrentRevisionAsync(Ct);

        var get = await Assert.ThrowsAsync<StorageException>(async () => await Store.GetAsync("/k", current + 10, Ct));
        var list = await Assert.ThrowsAsync<StorageException>(async () => await Store.ListAsync("/", new ListOptions(Revision: current + 10), Ct));

        Assert.Equal(StorageErrorCode.FutureRevision, get.Code);
        Assert.Equal(StorageErrorCode.FutureRevision, list.Code);
    }
}
