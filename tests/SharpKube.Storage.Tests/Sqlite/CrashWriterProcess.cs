using System.Diagnostics;
using System.Globalization;

namespace SharpKube.Storage.Tests.Sqlite;

/// <summary>Runs the crash writer against a database file and kills it with SIGKILL after enough acknowledgements.</summary>
internal static class CrashWriterProcess
{
    /// <summary>One write the child reported as acknowledged by the store.</summary>
    public sealed record Ack(string Key, long Revision, string Value);

    public static async Task<List<Ack>> RunAndKillAsync(string databasePath, string runId, int writers, int killAfterAcks, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SharpKube.Storage.CrashWriter.dll"));
        start.ArgumentList.Add(databasePath);
        start.ArgumentList.Add(runId);
        start.ArgumentList.Add(writers.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("crash writer did not start");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var acks = new List<Ack>();
        var killed = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                var parts = line.Split(' ');
                if (parts[0] == "ack")
                {
                    acks.Add(new Ack(parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), parts[3]));
                }

                if (!killed && acks.Count >= killAfterAcks)
                {
                    // SIGKILL: no chance to flush, checkpoint or close anything.
                    process.Kill();
                    killed = true;
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        Assert.True(killed, $"the crash writer exited by itself after {acks.Count} acks: {await stderr}");
        return acks;
    }
}
