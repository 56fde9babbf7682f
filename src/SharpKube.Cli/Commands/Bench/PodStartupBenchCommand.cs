using System.CommandLine;
using System.Text.Json;
using SharpKube.Cli.Bench.PodStartup;
using SharpKube.Cli.Bench.PodStartup.Output;

namespace SharpKube.Cli.Commands.Bench;

/// <summary>
/// <c>sharpkube bench pod-startup</c>: the kubelet's pod start benchmark on a real single node — one pod, then many at
/// once — with create-to-Running latency seen through a watch, the kubelet's time inside CRI calls and its own overhead,
/// and its memory and CPU, beside upstream's node density limits. Prints a table and the JSON report on stdout, progress
/// on stderr. It runs real pods on a managed containerd, so it needs root, containerd, runc and the CNI plugins.
/// </summary>
internal static class PodStartupBenchCommand
{
    public static Command Create()
    {
        var pods = BenchOptions.Int("--pods", "Pods created at once in the batch", 30, 1, 110);
        var timeout = BenchOptions.Int("--timeout", "Seconds each phase may take before the run fails", 300, 1, 86_400);
        timeout.HelpName = "S";
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "The cluster's data directory (default: a new temporary directory, deleted afterwards)",
            HelpName = "DIR",
        };
        var json = BenchOptions.JsonFile();

        var command = new Command(
            "pod-startup",
            "Measure the kubelet's pod start on this machine: one pod, then a batch at once, create-to-Running latency with the kubelet's " +
            "time inside CRI calls, its overhead, memory and CPU")
        {
            pods, timeout, dataDir, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = new PodStartupBenchOptions
            {
                Pods = parseResult.GetValue(pods),
                Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
                DataDir = parseResult.GetValue(dataDir),
                CommandLine = BenchOptions.CommandLineText(parseResult),
            };
            return ExpectedErrors.ReportAsync(error, async () =>
            {
                var report = await PodStartupBenchmark.RunAsync(options, error, cancellationToken);
                var document = JsonSerializer.Serialize(report, CliJson.Context.PodStartupBenchReport);
                await PodStartupBenchTable.WriteAsync(report, output);
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
