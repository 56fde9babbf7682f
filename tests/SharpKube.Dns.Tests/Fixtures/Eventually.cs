namespace SharpKube.Dns.Tests.Fixtures;

/// <summary>Waits for a condition with a deadline, instead of sleeping.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test at the deadline.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail("Timed out waiting until " + because);
            }
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}
