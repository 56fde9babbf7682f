namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>Waits for a condition with a deadline, instead of sleeping.</summary>
public static class Eventually
{
    /// <summary>The default deadline.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test at the deadline.</summary>
    public static async Task TrueAsync(Func<bool> condition, string because, TimeSpan? deadline = null)
    {
        await TrueAsync(() => Task.FromResult(condition()), because, deadline);
    }

    /// <summary>Polls an asynchronous <paramref name="condition"/> until it holds; fails the test at the deadline.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadline);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail("Timed out waiting until " + because);
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
