using System.CommandLine;
using System.Text.Json;
using SharpKube.Cli.Bench.Streaming;

namespace SharpKube.Cli.Commands.Bench;

/// <summary>
/// <c>sharpkube bench streaming</c>: exec round trips (<c>kubectl exec pod -- true</c> and a WebSocket client's) and
/// port-forward throughput against the pod IP, on a real single node. Prints a table and the JSON report on stdout,
/// progress on stderr. It runs a real pod on a managed containerd, so it needs root, containerd, runc and the CNI plugins.
/// </summary>
internal static class StreamingBenchCommand
{
    public static Command Create()
    {
        var execs = BenchOptions.Int("--execs", "Exec round trips of each kind", 50, 1, 10_000);
        var fileMiB = BenchOptions.Int("--file-mib", "Size of the file each download fetches, in MiB", 64, 1, 4096);
        var downloads = BenchOptions.Int("--downloads", "Downloads through the forward and from the pod IP, each", 5, 1, 1000);
        var kubectl = new Option<string>("--kubectl")
        {
            Description = "The kubectl binary to drive",
            HelpName = "PATH",
            DefaultValueFactory = _ => "kubectl",
        };
        var timeout = BenchOptions.Int("--timeout", "Seconds node Ready and the pod's start may take", 180, 1, 86_400);
        timeout.HelpName = "S";
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "The cluster's data directory (default: a new temporary directory, deleted afterwards)",
            HelpName = "DIR",
        };
        var json = BenchOptions.JsonFile();

        var command = new Command(
            "streaming",
            "Measure exec round trips and port-forward throughput through the API server and the kubelet on this machine")
        {
            execs, fileMiB, downloads, kubectl, timeout, dataDir, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = new StreamingBenchOptions
            {
                Execs = parseResult.GetValue(execs),
                FileMiB = parseResult.GetValue(fileMiB),
                Downloads = parseResult.GetValue(downloads),
                Kubectl = parseResult.GetValue(kubectl) ?? "kubectl",
                Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
                DataDir = parseResult.GetValue(dataDir),
                CommandLine = BenchOptions.CommandLineText(parseResult),
            };
            return ExpectedErrors.ReportAsync(error, async () =>
            {
                var report = await StreamingBenchmark.RunAsync(options, error, cancellationToken);
                var document = JsonSerializer.Serialize(report, CliJson.Context.StreamingBenchReport);
                await StreamingBenchTable.WriteAsync(report, output);
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
}
