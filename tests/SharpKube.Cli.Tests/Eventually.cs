namespace SharpKube.Cli.Tests;

/// <summary>Waits for a condition with a deadline, instead of sleeping.</summary>
internal static class Eventually
{
    /// <summary>Polls an asynchronous <paramref name="condition"/> until it holds; fails the test after 60 s.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail("Timed out waiting until " + because);
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
