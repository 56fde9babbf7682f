namespace SharpKube.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task List_ReturnsKeysUnderThePrefixInKeyOrder_AndNothingOutsideIt()
    {
        foreach (var key in new[] { "/registry/pods/b", "/registry/pods/a", "/registry/podsx/c", "/registry/pod", "/registry/pods/c/d" })
        {
            await Store.CreateAsync(key, Bytes(key), cancellationToken: Ct);
        }

        var list = await Store.ListAsync("/registry/pods/", cancellationToken: Ct);

        Assert.Equal(["/registry/pods/a", "/registry/pods/b", "/registry/pods/c/d"], list.Items.Select(i => i.Key));
        Assert.All(list.Items, i => Assert.Equal(i.Key, Text(i)));
        Assert.False(list.More);
        Assert.Equal(await Store.CurrentRevisionAsync(Ct), list.Revision);
    }

    [Fact]
    public async Task List_EmptyPrefix_ReturnsEveryKey()
    {
        await Store.CreateAsync("/a", Bytes("1"), cancellationToken: Ct);
        await Store.CreateAsync("/b/c", Bytes("2"), cancellationToken: Ct);

        var list = await Store.ListAsync("", cancellationToken: Ct);

        Assert.Equal(["/a", "/b/c"], list.Items.Select(i => i.Key));
    }

    [Fact]
    public async Task List_OrdersKeysByUtf8Bytes()
    {
        // U+FF21 (fullwidth A) sorts before U+1F600 (an emoji) in UTF-8, but after it in UTF-16 code units.
        string[] keys = ["/k/\uFF21", "/k/\U0001F600", "/k/z", "/k/é"];
        foreach (var key in keys)
        {
            await Store.CreateAsync(key, Bytes(key), cancellationToken: Ct);
        }

        var list = await Store.ListAsync("/k/", cancellationToken: Ct);

        Assert.Equal(["/k/z", "/k/é", "/k/\uFF21", "/k/\U0001F600"], list.Items.Select(i => i.Key));
    }

    [Fact]
    public async Task List_AtAPastRevision_ReturnsTheKeysAsTheyWereThen()
    {
        var a = await Store.CreateAsync("/p/a", Bytes("a1"), cancellationToken: Ct);
        await Store.CreateAsync("/p/b", Bytes("b1"), cancellationToken: Ct);
        var then = await Store.CurrentRevisionAsync(Ct);
        await Store.UpdateAsync("/p/a", Bytes("a2"), a.ModRevision, cancellationToken: Ct);
        await Store.DeleteAsync("/p/b", cancellationToken: Ct);
        await Store.CreateAsync("/p/c", Bytes("c1"), cancellationToken: Ct);

        var past = await Store.ListAsync("/p/", new ListOptions(Revision: then), Ct);
        var now = await Store.ListAsync("/p/", cancellationToken: Ct);

        Assert.Equal(then, past.Revision);
        Assert.Equal(["a1", "b1"], past.Items.Select(Text));
        Assert.Equal(["a2", "c1"], now.Items.Select(Text));
    }

    [Fact]
    public async Task List_WithLimit_PagesThroughEveryKeyAtTheFirstPagesRevision()
    {
        for (var i = 0; i < 25; i++)
        {
            await Store.CreateAsync($"/p/{i:D3}", Bytes($"v{i}"), cancellationToken: Ct);
        }

        var first = await Store.ListAsync("/p/", new ListOptions(Limit: 10), Ct);
        // Writes between pages must not show up in later pages of the same list.
        await Store.CreateAsync("/p/015x", Bytes("new"), cancellationToken: Ct);
        await Store.DeleteAsync("/p/020", cancellationToken: Ct);

        var keys = first.Items.Select(i => i.Key).ToList();
        var page = first;
        var pages = 1;
        while (page.More)
        {
            page = await Store.ListAsync("/p/", new ListOptions(first.Revision, 10, page.Items[^1].Key), Ct);
            Assert.Equal(first.Revision, page.Revision);
            keys.AddRange(page.Items.Select(i => i.Key));
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"/p/{i:D3}"), keys);
    }

    [Fact]
    public async Task List_WithLimitEqualToTheCount_ReportsNoMore()
    {
        for (var i = 0; i < 3; i++)
        {
            await Store.CreateAsync($"/p/{i}", Bytes("v"), cancellationToken: Ct);
        }

        var list = await Store.ListAsync("/p/", new ListOptions(Limit: 3), Ct);

        Assert.Equal(3, list.Items.Count);
        Assert.False(list.More);
    }

    [Fact]
    public async Task Count_CountsLiveKeysUnderThePrefix()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.CreateAsync($"/c/{i}", Bytes("v"), cancellationToken: Ct);
        }

        await Store.CreateAsync("/cx", Bytes("v"), cancellationToken: Ct);
        await Store.DeleteAsync("/c/3", cancellationToken: Ct);

        Assert.Equal(4, await Store.CountAsync("/c/", Ct));
        Assert.Equal(0, await Store.CountAsync("/nothing/", Ct));
    }
}
