using System.ComponentModel;
using System.Net.Sockets;
using Grpc.Core;
using SharpKube.Cli.Bench.Storage;
using SharpKube.Storage;

namespace SharpKube.Cli.Commands;

/// <summary>
/// Failures a user can cause or fix — a store that cannot be reached, a missing binary, a bad path — reported as one
/// line on stderr with exit code 1. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class ExpectedErrors
{
    /// <summary>Whether <paramref name="e"/> is an expected failure rather than a bug.</summary>
    public static bool IsExpected(Exception e) => e is StorageException or SharpKube.ApiServer.Pki.PkiFileException or FormatException
        or InvalidDataException or StorageBenchException or SharpKube.Cli.Bench.ApiServer.ApiServerBenchException
        or SharpKube.Cli.Bench.Controllers.ControllersBenchException or SharpKube.Cli.Bench.Scheduler.SchedulerBenchException or IOException
        or UnauthorizedAccessException or TimeoutException or InvalidOperationException or NotSupportedException
        or HttpRequestException or SocketException or RpcException or Win32Exception;

    /// <summary>Runs a command's work, turning an expected failure into "error: …" on <paramref name="error"/> and exit code 1.</summary>
    public static async Task<int> ReportAsync(TextWriter error, Func<Task<int>> work)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work();
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: cancelled");
            return 1;
        }
        catch (Exception e) when (IsExpected(e))
        {
            await error.WriteLineAsync($"error: {OneLine(e.Message)}");
            return 1;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
