using System.CommandLine;
using System.Text.Json;
using SharpKube.Cli.Bench.Dns;
using SharpKube.Cli.Bench.Dns.Output;

namespace SharpKube.Cli.Commands.Bench;

/// <summary>
/// <c>sharpkube bench dns</c>: queries/s, latency, CPU and memory of <c>sharpkube dns</c> serving a zone of many
/// Services, measured by dnsperf, beside dnsmasq answering the same zone from files. Prints a table and the JSON report
/// on stdout, progress on stderr. Needs dnsperf and dnsmasq (Debian packages of the same names).
/// </summary>
internal static class DnsBenchCommand
{
    public static Command Create()
    {
        var services = BenchOptions.Int("--services", "Services in the zone (every tenth headless, with an EndpointSlice)", 10_000, 1, 50_000);
        var duration = BenchOptions.Int("--duration", "Seconds of each dnsperf pass against each server", 10, 1, 3600);
        duration.HelpName = "S";
        var clients = BenchOptions.Int("--clients", "dnsperf's clients (-c): the UDP sockets it sends from", 4, 1, 256);
        var threads = BenchOptions.Int("--threads", "dnsperf's threads (-T)", 1, 1, 64);
        var outstanding = BenchOptions.Int("--outstanding", "dnsperf's queries in flight at once (-q)", 100, 1, 65_535);
        var sample = BenchOptions.Int("--sample", "Distinct names the query files hold, spread over every Service", 1000, 1, 1_000_000);
        var latencyQps = BenchOptions.Int("--latency-qps", "The fixed rate of the pass that times every query", 10_000, 1, 1_000_000);
        var outputDir = new Option<string?>("--output-dir")
        {
            Description = "Keep the zone files, query files and dnsperf's output here (default: a temporary directory, deleted afterwards)",
            HelpName = "DIR",
        };
        var dnsperf = new Option<string>("--dnsperf")
        {
            Description = "The dnsperf binary",
            HelpName = "PATH",
            DefaultValueFactory = _ => "dnsperf",
        };
        var dnsmasq = new Option<string>("--dnsmasq")
        {
            Description = "The dnsmasq binary of the peer",
            HelpName = "PATH",
            DefaultValueFactory = _ => "dnsmasq",
        };
        var json = BenchOptions.JsonFile();

        var command = new Command(
            "dns",
            "Measure the cluster DNS's queries/s, latency and memory with dnsperf, beside dnsmasq answering the same zone")
        {
            services, duration, clients, threads, outstanding, sample, latencyQps, outputDir, dnsperf, dnsmasq, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = new DnsBenchOptions
            {
                Services = parseResult.GetValue(services),
                Duration = TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                Clients = parseResult.GetValue(clients),
                Threads = parseResult.GetValue(threads),
                Outstanding = parseResult.GetValue(outstanding),
                Sample = parseResult.GetValue(sample),
                LatencyQps = parseResult.GetValue(latencyQps),
                OutputDir = parseResult.GetValue(outputDir),
                Dnsperf = parseResult.GetValue(dnsperf) ?? "dnsperf",
                Dnsmasq = parseResult.GetValue(dnsmasq) ?? "dnsmasq",
                CommandLine = BenchOptions.CommandLineText(parseResult),
            };
            return ExpectedErrors.ReportAsync(error, async () =>
            {
                var report = await DnsBenchmark.RunAsync(options, error, cancellationToken);
                var document = JsonSerializer.Serialize(report, CliJson.Context.DnsBenchReport);
                await DnsBenchTable.WriteAsync(report, output);
                await output.WriteLineAsync();
                await output.WriteLineAsync(document);
                if (options.OutputDir is { } dir)
                {
                    await File.WriteAllTextAsync(Path.Combine(dir, "report.json"), document + "\n", CancellationToken.None);
                }

                if (parseResult.GetValue(json) is { } path)
                {
                    await File.WriteAllTextAsync(path, document + "\n", CancellationToken.None);
                }

                return 0;
            });
        });
        return command;
    }
}
