using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SharpKube.Cli.Bench.Dns.Dnsperf;

/// <summary>
/// Runs dnsperf once against a server on 127.0.0.1 and reads its statistics; with per-query latencies it adds
/// <c>-v</c> and records each answered query's latency (dnsperf prints them to the microsecond) in a histogram.
/// </summary>
internal static class DnsperfRun
{
    // A query unanswered for a second counts as lost: no benchmark pass waits on a straggler longer.
    private const string TimeoutSeconds = "1";

    /// <summary>The arguments of a run against 127.0.0.1:<paramref name="port"/> with <paramref name="queryFile"/>.</summary>
    public static IReadOnlyList<string> Arguments(DnsperfSettings settings, int port, string queryFile, int? maxQps, bool perQueryLatency)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var args = new List<string>
        {
            "-s", "127.0.0.1", "-p", Text(port), "-d", queryFile,
            "-l", settings.Duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            "-c", Text(settings.Clients), "-T", Text(settings.Threads), "-q", Text(settings.Outstanding), "-t", TimeoutSeconds,
            // A server that drops queries under load would otherwise print a line per lost query; the count is in the statistics.
            "-O", "suppress=timeouts,unexpected",
        };
        if (maxQps is { } qps)
        {
            args.AddRange(["-Q", Text(qps)]);
        }

        if (perQueryLatency)
        {
            args.Add("-v");
        }

        return args;
    }

    /// <summary>
    /// Runs dnsperf to its end; writes what it printed (without the per-query lines) to <paramref name="rawOutputPath"/>
    /// when given.
    /// </summary>
    public static async Task<DnsperfPass> RunAsync(
        DnsperfSettings settings, int port, string queryFile, int? maxQps, bool perQueryLatency, string? rawOutputPath,
        CancellationToken cancellationToken)
    {
        var args = Arguments(settings, port, queryFile, maxQps, perQueryLatency);
        var start = new ProcessStartInfo(settings.Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new DnsBenchException($"cannot run {settings.Binary} (Debian package dnsperf): {e.Message}", e);
        }

        try
        {
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = new StringBuilder();
            var histogram = new LatencyHistogram();
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                if (DnsperfOutput.QueryLatencySeconds(line) is { } seconds)
                {
                    histogram.Record((long)Math.Round(seconds * Stopwatch.Frequency));
                }
                else
                {
                    output.Append(line).Append('\n');
                }
            }

            await process.WaitForExitAsync(cancellationToken);
            var printed = output.ToString() + await error;
            if (rawOutputPath is not null)
            {
                await File.WriteAllTextAsync(rawOutputPath, $"{settings.Binary} {string.Join(' ', args)}\n{printed}", cancellationToken);
            }

            if (process.ExitCode != 0)
            {
                throw new DnsBenchException($"dnsperf exited with code {Text(process.ExitCode)}: {printed.Trim().ReplaceLineEndings(" | ")}");
            }

            var statistics = DnsperfOutput.ParseStatistics(printed);
            return new DnsperfPass(statistics, perQueryLatency ? LatencySummary.From(histogram) : null, maxQps);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>
    /// "dnsperf 2.10.0", from <c>dnsperf -H</c>: run before anything else, so that a missing dnsperf fails the benchmark
    /// before it creates its Services.
    /// </summary>
    public static async Task<string> VersionAsync(string binary, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(binary, ["-H"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start) ?? throw new DnsBenchException($"cannot run {binary}");
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken) + await error;
            await process.WaitForExitAsync(cancellationToken);
            return output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Version ", StringComparison.Ordinal)) is { } version
                ? "dnsperf " + version["Version ".Length..]
                : "dnsperf";
        }
        catch (Win32Exception e)
        {
            throw new DnsBenchException($"cannot run {binary} (Debian package dnsperf): {e.Message}", e);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
