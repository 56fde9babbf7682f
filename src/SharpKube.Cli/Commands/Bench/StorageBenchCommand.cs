using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using SharpKube.Cli.Bench.Storage;
using SharpKube.Cli.Bench.Storage.Output;
using SharpKube.Storage;

namespace SharpKube.Cli.Commands.Bench;

/// <summary>
/// <c>sharpkube bench storage</c>: the datastore macro benchmark, every listed driver side by side in one run.
/// Prints a table and the JSON report on stdout, progress on stderr; a driver that fails is reported as one
/// "error:" line on stderr after the others' results, and the exit code is then 1.
/// </summary>
internal static class StorageBenchCommand
{
    private static readonly DatastoreDriver[] _defaultDrivers = [DatastoreDriver.Sqlite, DatastoreDriver.Etcd];

    public static Command Create()
    {
        var drivers = new Option<DatastoreDriver[]>("--driver")
        {
            Description = "The drivers to measure side by side, comma-separated [default: sqlite,etcd]",
            HelpName = "sqlite|etcd|memory[,...]",
            CustomParser = ParseDrivers,
        };
        var writers = new Option<int>("--writers")
        {
            Description = "Concurrent writers of the multi-writer phases (1 writer is always measured too)",
            HelpName = "N",
            DefaultValueFactory = _ => 16,
        };
        writers.Validators.Add(r => RequireRange(r, "--writers", 1, 1024));
        var duration = new Option<double>("--duration")
        {
            Description = "Seconds each timed phase runs",
            HelpName = "S",
            DefaultValueFactory = _ => 5,
        };
        duration.Validators.Add(r =>
        {
            if (BenchOptions.Parsed<double>(r) is { } seconds && seconds is not (> 0 and <= 3600))
            {
                r.AddError("--duration must be more than 0 and at most 3600 seconds");
            }
        });
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "The SQLite data directory (default: a new temporary directory, deleted afterwards)",
            HelpName = "DIR",
        };
        var etcdEndpoints = new Option<string[]>("--etcd-endpoints")
        {
            Description = "The etcd to measure, comma-separated client URLs (default: start a private etcd for the run)",
            HelpName = "URL,...",
            CustomParser = ParseEndpoints,
            DefaultValueFactory = _ => [],
        };
        var valueSize = new Option<int>("--value-size")
        {
            Description = "Bytes in every value written",
            HelpName = "B",
            DefaultValueFactory = _ => 256,
        };
        valueSize.Validators.Add(r => RequireRange(r, "--value-size", 1, StorageLimits.MaxValueBytes));
        var watchers = new Option<int>("--watchers")
        {
            Description = "Watchers of the watch phase",
            HelpName = "N",
            DefaultValueFactory = _ => 100,
        };
        watchers.Validators.Add(r => RequireRange(r, "--watchers", 1, 10_000));
        var json = BenchOptions.JsonFile();

        var command = new Command(
            "storage",
            "Measure datastore drivers side by side: create and update throughput and latency at 1 and N writers, " +
            "get and list latency, watch delivery lag, compaction pause and database size")
        {
            drivers, writers, duration, dataDir, etcdEndpoints, valueSize, watchers, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = new StorageBenchOptions
            {
                Drivers = parseResult.GetValue(drivers) ?? _defaultDrivers,
                Writers = parseResult.GetValue(writers),
                Duration = TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                DataDir = parseResult.GetValue(dataDir),
                EtcdEndpoints = parseResult.GetValue(etcdEndpoints) ?? [],
                ValueSize = parseResult.GetValue(valueSize),
                Watchers = parseResult.GetValue(watchers),
                CommandLine = BenchOptions.CommandLineText(parseResult),
            };
            return ExpectedErrors.ReportAsync(error, async () =>
            {
                var report = await StorageBenchmark.RunAsync(options, error, cancellationToken);
                if (report.Drivers.Count > 0)
                {
                    var document = JsonSerializer.Serialize(report, CliJson.Context.StorageBenchReport);
                    await StorageBenchTable.WriteAsync(report, output);
                    await output.WriteLineAsync();
                    await output.WriteLineAsync(document);
                    if (parseResult.GetValue(json) is { } path)
                    {
                        await File.WriteAllTextAsync(path, document + "\n", CancellationToken.None);
                    }
                }

                foreach (var failure in report.Failures)
                {
                    await error.WriteLineAsync($"error: {failure.Error.ReplaceLineEndings(" ")}");
                }

                return report.Failures.Count == 0 ? 0 : 1;
            });
        });
        return command;
    }

    private static DatastoreDriver[] ParseDrivers(ArgumentResult result)
    {
        var parsed = new List<DatastoreDriver>();
        foreach (var name in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            DatastoreDriver? driver = name.ToLowerInvariant() switch
            {
                "sqlite" => DatastoreDriver.Sqlite,
                "etcd" => DatastoreDriver.Etcd,
                "memory" => DatastoreDriver.Memory,
                _ => null,
            };
            if (driver is null)
            {
                result.AddError($"--driver: unknown driver '{name}'; use sqlite, etcd or memory");
                return [];
            }

            if (!parsed.Contains(driver.Value))
            {
                parsed.Add(driver.Value);
            }
        }

        if (parsed.Count == 0)
        {
            result.AddError("--driver: name at least one driver: sqlite, etcd or memory");
        }

        return [.. parsed];
    }

    private static string[] ParseEndpoints(ArgumentResult result)
    {
        var endpoints = result.Tokens
            .SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        foreach (var endpoint in endpoints)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError($"--etcd-endpoints: '{endpoint}' is not an http:// or https:// URL");
            }
        }

        return endpoints;
    }

    private static void RequireRange(OptionResult result, string name, int min, int max) => BenchOptions.RequireRange(result, name, min, max);
}
