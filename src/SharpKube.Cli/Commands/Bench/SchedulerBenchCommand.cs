using System.CommandLine;
using System.Text.Json;
using SharpKube.Cli.Bench.Scheduler;
using SharpKube.Cli.Bench.Scheduler.Output;
using SharpKube.Cli.Bench.Scheduler.Workload;

namespace SharpKube.Cli.Commands.Bench;

/// <summary>
/// <c>sharpkube bench scheduler</c>: upstream's scheduler_perf workloads end to end — API server, hollow nodes and the
/// scheduler as child processes — printing pods/s (average and percentiles of one-second samples) and attempt latency
/// beside upstream's CI thresholds. Prints a table and the JSON report on stdout, progress on stderr.
/// </summary>
internal static class SchedulerBenchCommand
{
    public static Command Create()
    {
        var workload = new Option<string[]>("--workload")
        {
            Description = $"Workloads to run, in order (repeat or separate with commas): {SchedulerWorkloads.Names}, or all",
            HelpName = "NAME",
            DefaultValueFactory = _ => ["SchedulingBasic"],
            AllowMultipleArgumentsPerToken = true,
        };
        workload.Validators.Add(r =>
        {
            foreach (var name in Names(r.GetValueOrDefault<string[]>() ?? []))
            {
                if (!name.Equals("all", StringComparison.OrdinalIgnoreCase) && SchedulerWorkloads.Find(name) is null)
                {
                    r.AddError($"--workload: unknown workload \"{name}\" (known: {SchedulerWorkloads.Names}, all)");
                }
            }
        });
        var nodes = Override("--nodes", "Hollow nodes of every workload (default: each workload's own)", 1, 100_000);
        var initPods = Override("--init-pods", "Init pods of every workload (default: each workload's own)", 0, 1_000_000);
        var measurePods = Override("--measure-pods", "Measured pods of every workload (default: each workload's own)", 1, 1_000_000);
        var clients = BenchOptions.Int("--clients", "Concurrent clients creating pods, each with its own connection", 16, 1, 256);
        var timeout = BenchOptions.Int("--timeout", "Seconds each phase may take before the run fails", 600, 1, 86_400);
        timeout.HelpName = "S";
        var json = BenchOptions.JsonFile();

        var command = new Command(
            "scheduler",
            "Measure the scheduler on upstream's scheduler_perf workloads, end to end through the API server with hollow nodes: " +
            "pods/s and scheduling-attempt latency beside upstream's thresholds")
        {
            workload, nodes, initPods, measurePods, clients, timeout, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = new SchedulerBenchOptions
            {
                Workloads = Names(parseResult.GetValue(workload) ?? []),
                Nodes = parseResult.GetValue(nodes),
                InitPods = parseResult.GetValue(initPods),
                MeasurePods = parseResult.GetValue(measurePods),
                Clients = parseResult.GetValue(clients),
                Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
                CommandLine = BenchOptions.CommandLineText(parseResult),
            };
            var workloads = options.Workloads.Any(n => n.Equals("all", StringComparison.OrdinalIgnoreCase))
                ? SchedulerWorkloads.All
                : options.Workloads.Select(n => SchedulerWorkloads.Find(n)!).ToArray();
            var resized = workloads.Select(w => w.Resized(options.Nodes, options.InitPods, options.MeasurePods)).ToArray();
            return ExpectedErrors.ReportAsync(error, async () =>
            {
                var report = await SchedulerBenchmark.RunAsync(resized, options, error, cancellationToken);
                var document = JsonSerializer.Serialize(report, CliJson.Context.SchedulerBenchReport);
                await SchedulerBenchTable.WriteAsync(report, output);
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

    /// <summary>An optional integer between <paramref name="min"/> and <paramref name="max"/> that overrides a workload's size.</summary>
    private static Option<int?> Override(string name, string description, int min, int max)
    {
        var option = new Option<int?>(name) { Description = description, HelpName = "N" };
        option.Validators.Add(r =>
        {
            if (BenchOptions.Parsed<int>(r) is { } value && (value < min || value > max))
            {
                r.AddError($"{name} must be between {min} and {max}, not {value}");
            }
        });
        return option;
    }

    private static string[] Names(IEnumerable<string> values) =>
        [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
