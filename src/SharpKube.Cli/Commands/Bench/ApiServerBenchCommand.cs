using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using SharpKube.Cli.Bench.ApiServer;
using SharpKube.Cli.Bench.ApiServer.Output;
using SharpKube.Storage;

namespace SharpKube.Cli.Commands.Bench;

/// <summary>
/// <c>sharpkube bench apiserver</c>: the API server macro benchmark over HTTPS with the official client. Prints a table
/// and the JSON report on stdout, progress on stderr; what the server got wrong (error responses, missed watch events)
/// is listed as "error:" lines on stderr after the results, and the exit code is then 1.
/// </summary>
internal static class ApiServerBenchCommand
{
    public static Command Create()
    {
        var datastore = new Option<DatastoreDriver>("--datastore")
        {
            Description = "The datastore of the server the benchmark starts",
            HelpName = "sqlite|etcd|memory",
            DefaultValueFactory = _ => DatastoreDriver.Sqlite,
        };
        var etcdEndpoints = new Option<string[]>("--etcd-endpoints")
        {
            Description = "The etcd of --datastore etcd, comma-separated client URLs (default: start a private etcd for the run)",
            HelpName = "URL,...",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray(),
            DefaultValueFactory = _ => [],
        };
        var inProcess = new Option<bool>("--in-process")
        {
            Description = "Run the API server inside the benchmark process rather than as a child process (its memory then includes the clients')",
        };
        var server = new Option<string?>("--server")
        {
            Description = "Measure this running API server instead of starting one (with --kubeconfig)",
            HelpName = "URL",
        };
        server.Validators.Add(r =>
        {
            if (ServerUrl(r.GetValueOrDefault<string?>()) is null)
            {
                r.AddError($"--server: '{r.GetValueOrDefault<string?>()}' is not an https:// URL");
            }
        });
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "The kubeconfig of the running server to measure (its server URL unless --server is given)",
            HelpName = "FILE",
        };
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "The started server's data directory (default: a new temporary directory, deleted afterwards)",
            HelpName = "DIR",
        };
        var pods = BenchOptions.Int("--pods", "Pods to create, then get, update, list and watch", 10_000, 2, 1_000_000);
        var clients = BenchOptions.Int("--clients", "Concurrent clients of the multi-client phases, each with its own connection", 32, 1, 1024);
        var watchers = BenchOptions.Int("--watchers", "Concurrent pod watchers of the watch phase", 1000, 1, 100_000);
        var watchConnections = BenchOptions.Int("--watch-connections", "HTTP/2 connections the watchers share", 10, 1, 100_000);
        var watchHttp1 = new Option<bool>("--watch-http1")
        {
            Description = "Give each watcher its own HTTP/1.1 connection instead of sharing HTTP/2 ones",
        };
        var writeRate = BenchOptions.Int("--write-rate", "Writes per second while the watchers watch", 100, 1, 100_000);
        var duration = new Option<TimeSpan>("--duration")
        {
            Description = "How long each timed phase runs: seconds, or a number with ms, s or m",
            HelpName = "10s",
            CustomParser = ParseDuration,
            DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
        };
        var listRepeats = BenchOptions.Int("--list-repeats", "Timed LISTs of every pod, as JSON and again as a Table", 20, 1, 10_000);
        var json = BenchOptions.JsonFile();

        var command = new Command(
            "apiserver",
            "Measure the API server over HTTPS with the official client: pod create, get, update and list latency and " +
            "throughput, watch delivery lag with many watchers, and the server's memory")
        {
            datastore, etcdEndpoints, inProcess, server, kubeconfig, dataDir, pods, clients, watchers, watchConnections, watchHttp1,
            writeRate, duration, listRepeats, json,
        };
        command.Validators.Add(r =>
        {
            // Presence, not value: a value that failed to parse has its own error already.
            var hasServer = r.GetResult(server) is not null;
            var hasKubeconfig = r.GetResult(kubeconfig) is not null;
            var external = hasServer || hasKubeconfig;
            if (hasServer && !hasKubeconfig)
            {
                r.AddError("--server needs --kubeconfig");
            }

            if (external && (r.GetValue(inProcess) || r.GetValue(dataDir) is not null))
            {
                r.AddError("--server/--kubeconfig measure a running server: --in-process and --data-dir do not apply");
            }

            if (hasKubeconfig && r.GetValue(kubeconfig) is { } path && !File.Exists(path))
            {
                r.AddError($"--kubeconfig: {path} does not exist");
            }
        });
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var serverUrl = ServerUrl(parseResult.GetValue(server));
            var kubeconfigPath = parseResult.GetValue(kubeconfig);
            var options = new ApiServerBenchOptions
            {
                Datastore = parseResult.GetValue(datastore),
                EtcdEndpoints = parseResult.GetValue(etcdEndpoints) ?? [],
                Mode = serverUrl is not null || kubeconfigPath is not null ? ServerMode.External
                    : parseResult.GetValue(inProcess) ? ServerMode.InProcess
                    : ServerMode.ChildProcess,
                Server = serverUrl,
                Kubeconfig = kubeconfigPath,
                DataDir = parseResult.GetValue(dataDir),
                Pods = parseResult.GetValue(pods),
                Clients = parseResult.GetValue(clients),
                Watchers = parseResult.GetValue(watchers),
                WatchConnections = parseResult.GetValue(watchConnections),
                WatchOverHttp1 = parseResult.GetValue(watchHttp1),
                WriteRate = parseResult.GetValue(writeRate),
                Duration = parseResult.GetValue(duration),
                ListRepeats = parseResult.GetValue(listRepeats),
                CommandLine = BenchOptions.CommandLineText(parseResult),
            };
            return ExpectedErrors.ReportAsync(error, async () =>
            {
                var report = await ApiServerBenchmark.RunAsync(options, error, cancellationToken);
                var document = JsonSerializer.Serialize(report, CliJson.Context.ApiServerBenchReport);
                await ApiServerBenchTable.WriteAsync(report, output);
                await output.WriteLineAsync();
                await output.WriteLineAsync(document);
                if (parseResult.GetValue(json) is { } path)
                {
                    await File.WriteAllTextAsync(path, document + "\n", CancellationToken.None);
                }

                foreach (var problem in report.Problems)
                {
                    await error.WriteLineAsync($"error: {problem.ReplaceLineEndings(" ")}");
                }

                return report.Problems.Count == 0 ? 0 : 1;
            });
        });
        return command;
    }

    private static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value.Trim() : "";
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value * scale is not (> 0 and <= 3600))
        {
            result.AddError($"--duration must be more than 0 and at most 3600 seconds, such as 10s or 500ms, not '{text}'");
            return TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(value * scale);
    }

    private static Uri? ServerUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == "https" ? uri : null;
}
