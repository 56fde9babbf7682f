namespace SharpKube.Kubelet.Tests.Probes;

/// <summary>Waits for a condition with a deadline, instead of sleeping.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test at the deadline.</summary>
    public static Task TrueAsync(Func<bool> condition, string because, TimeSpan? deadline = null) =>
        TrueAsync(() => Task.FromResult(condition()), because, deadline);

    /// <summary>Polls an asynchronous <paramref name="condition"/> until it holds; fails the test at the deadline.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting until " + because);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
