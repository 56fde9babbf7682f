namespace SharpKube.Cli.Bench;

/// <summary>Stopping what a benchmark runs beside its phases (its informers).</summary>
internal static class BackgroundWork
{
    /// <summary>Cancels <paramref name="stop"/> and waits for <paramref name="work"/> to end; ending by cancellation is expected.</summary>
    public static async Task StopAsync(CancellationTokenSource stop, Task work)
    {
        await stop.CancelAsync();
        try
        {
            await work;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
