using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SharpKube.Cli.Bench.Proxy;
using SharpKube.Proxy;

namespace SharpKube.Cli.Commands.Bench;

/// <summary>
/// <c>sharpkube bench proxy</c>: full and incremental sync times of the service proxy's backends with thousands of
/// services, and the whole proxy's programming latency through a real API server. Programs private network
/// namespaces only, so it needs root, iptables and nft but leaves the machine's rules alone.
/// </summary>
internal static class ProxyBenchCommand
{
    public static Command Create()
    {
        var services = new Option<int[]>("--services")
        {
            Description = "Cluster sizes to measure, in services (comma separated)",
            HelpName = "N,...",
            CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100_000 ? n : Fail(r, v))],
            DefaultValueFactory = _ => [1000, 5000],
        };
        var endpoints = BenchOptions.Int("--endpoints", "Endpoints per service", 10, 1, 1000);
        var updates = BenchOptions.Int("--updates", "Incremental updates timed per mode and size", 20, 1, 10_000);
        var modes = new Option<ProxyMode[]>("--modes")
        {
            Description = "Proxy modes to measure (comma separated)",
            HelpName = "iptables,nftables",
            CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(v => Enum.TryParse<ProxyMode>(v, ignoreCase: true, out var mode) ? mode : FailMode(r, v))],
            DefaultValueFactory = _ => [ProxyMode.Iptables, ProxyMode.Nftables],
        };
        var noApi = new Option<bool>("--no-api") { Description = "Measure the backends only, without an API server" };
        var json = BenchOptions.JsonFile();
        var command = new Command("proxy", "Measure the service proxy's full and incremental syncs, in private network namespaces")
        {
            services, endpoints, updates, modes, noApi, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = new ProxyBenchOptions
            {
                ServiceCounts = parseResult.GetValue(services)!,
                Endpoints = parseResult.GetValue(endpoints),
                Updates = parseResult.GetValue(updates),
                Modes = parseResult.GetValue(modes)!,
                ThroughApi = !parseResult.GetValue(noApi),
                CommandLine = BenchOptions.CommandLineText(parseResult),
            };
            return ExpectedErrors.ReportAsync(error, async () =>
            {
                var report = await ProxyBenchmark.RunAsync(options, error, cancellationToken);
                var document = JsonSerializer.Serialize(report, CliJson.Context.ProxyBenchReport);
                await ProxyBenchTable.WriteAsync(report, output);
                await output.WriteLineAsync();
                await output.WriteLineAsync(document);
                if (parseResult.GetValue(json) is { } path)
                {
                    await File.WriteAllTextAsync(path, document + "\n", CancellationToken.None);
                }
                return 0;
            });
        });
        return command;
    }

    private static int Fail(System.CommandLine.Parsing.ArgumentResult result, string value)
    {
        result.AddError($"--services: \"{value}\" is not a count between 1 and 100000");
        return 0;
    }

    private static ProxyMode FailMode(System.CommandLine.Parsing.ArgumentResult result, string value)
    {
        result.AddError($"--modes: \"{value}\" is not iptables or nftables");
        return ProxyMode.Iptables;
    }
}
