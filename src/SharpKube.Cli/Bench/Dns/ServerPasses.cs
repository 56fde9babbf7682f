using System.Globalization;
using SharpKube.Cli.Bench.Dns.Dnsperf;
using SharpKube.Cli.Bench.Dns.Results;

namespace SharpKube.Cli.Bench.Dns;

/// <summary>
/// The dnsperf passes against one server, with the same settings for every server: an unreported warm-up, then the
/// cached names as fast as the server answers, the same names at a fixed rate with every query timed, and the mix of
/// A, SRV and NXDOMAIN as fast as answered (by another instance of the server, for a peer that needs other
/// configuration to answer SRV). The server's CPU time is read over each pass.
/// </summary>
internal sealed class ServerPasses
{
    private readonly DnsperfSettings _settings;
    private readonly DnsQueryFiles _files;
    private readonly int _latencyQps;
    private readonly string _outputDir;
    private readonly TextWriter _progress;

    public ServerPasses(DnsperfSettings settings, DnsQueryFiles files, int latencyQps, string outputDir, TextWriter progress)
    {
        _settings = settings;
        _files = files;
        _latencyQps = latencyQps;
        _outputDir = outputDir;
        _progress = progress;
    }

    /// <summary>The length of the warm-up pass: the server's code reaches its optimized form before the measured passes.</summary>
    public TimeSpan WarmUp => TimeSpan.FromSeconds(Math.Min(2, _settings.Duration.TotalSeconds));

    /// <summary>
    /// Runs the A passes against <paramref name="answering"/> and the mixed pass against <paramref name="mixed"/> (the
    /// same server, or one configured with SRV records); <paramref name="fileTag"/> names the raw output files.
    /// </summary>
    public async Task<IReadOnlyList<DnsPassResult>> RunAsync(DnsTarget answering, DnsTarget mixed, string fileTag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answering);
        ArgumentNullException.ThrowIfNull(mixed);
        await _progress.WriteLineAsync($"[dns] {answering.Process.Name}: warm-up, {WarmUp.TotalSeconds:0.#} s");
        await DnsperfRun.RunAsync(_settings with { Duration = WarmUp }, answering.Port, _files.Cached, null, false, null, cancellationToken);

        var passes = new List<DnsPassResult>
        {
            await RunPassAsync(answering, fileTag, "cached", _files.Cached, null, cancellationToken),
            await RunPassAsync(answering, fileTag, "latency", _files.Cached, _latencyQps, cancellationToken),
            await RunPassAsync(mixed, fileTag, "mixed", _files.Mixed, null, cancellationToken),
        };
        return passes;
    }

    private async Task<DnsPassResult> RunPassAsync(
        DnsTarget target, string fileTag, string pass, string queryFile, int? maxQps, CancellationToken cancellationToken)
    {
        var (process, port) = (target.Process, target.Port);
        var rate = maxQps is { } qps ? $" at {qps.ToString("N0", CultureInfo.InvariantCulture)} q/s, every query timed" : ", as fast as answered";
        await _progress.WriteLineAsync($"[dns] {process.Name}: {pass} pass{rate}, {_settings.Duration.TotalSeconds:0.#} s");
        var meter = ProcessMeter.Start(process);
        var run = await DnsperfRun.RunAsync(
            _settings, port, queryFile, maxQps, perQueryLatency: maxQps is not null, Path.Combine(_outputDir, $"dnsperf-{fileTag}-{pass}.txt"),
            cancellationToken);
        var usage = meter.Stop();
        await _progress.WriteLineAsync(
            $"[dns]   {run.Statistics.QueriesPerSecond.ToString("N0", CultureInfo.InvariantCulture)} q/s, " +
            $"{run.Statistics.QueriesLost.ToString(CultureInfo.InvariantCulture)} lost, server CPU {usage.CpuPercent?.ToString("0", CultureInfo.InvariantCulture) ?? "?"}%");
        return new DnsPassResult(pass, maxQps, run.Statistics, run.Latency, usage);
    }
}
