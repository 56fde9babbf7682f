using System.CommandLine;
using System.Text.Json;
using SharpKube.Cli.Bench.Controllers;
using SharpKube.Cli.Bench.Controllers.Output;

namespace SharpKube.Cli.Commands.Bench;

/// <summary>
/// <c>sharpkube bench controllers</c>: the controller manager macro benchmark — many Deployments created at once, timed
/// until every ReplicaSet reports its pods, then deleted. Prints a table and the JSON report on stdout, progress on
/// stderr; a phase that times out, or a component that exits, ends the run with one "error:" line and exit code 1.
/// </summary>
internal static class ControllersBenchCommand
{
    public static Command Create()
    {
        var deployments = BenchOptions.Int("--deployments", "Deployments to create at once", 100, 1, 10_000);
        var replicas = BenchOptions.Int("--replicas", "Replicas of each Deployment", 50, 1, 10_000);
        var clients = BenchOptions.Int("--clients", "Concurrent clients creating and deleting the Deployments, each with its own connection", 16, 1, 256);
        var timeout = BenchOptions.Int("--timeout", "Seconds each phase may take before the run fails", 600, 1, 86_400);
        timeout.HelpName = "S";
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "The API server's data directory (default: a new temporary directory, deleted afterwards)",
            HelpName = "DIR",
        };
        var json = BenchOptions.JsonFile();

        var command = new Command(
            "controllers",
            "Measure the controller manager: create Deployments at once and time until every ReplicaSet reports its pods, " +
            "with the controller manager's CPU and memory; then delete them and time the garbage collector")
        {
            deployments, replicas, clients, timeout, dataDir, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = new ControllersBenchOptions
            {
                Deployments = parseResult.GetValue(deployments),
                Replicas = parseResult.GetValue(replicas),
                Clients = parseResult.GetValue(clients),
                Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
                DataDir = parseResult.GetValue(dataDir),
                CommandLine = BenchOptions.CommandLineText(parseResult),
            };
            return ExpectedErrors.ReportAsync(error, async () =>
            {
                var report = await ControllersBenchmark.RunAsync(options, error, cancellationToken);
                var document = JsonSerializer.Serialize(report, CliJson.Context.ControllersBenchReport);
                await ControllersBenchTable.WriteAsync(report, output);
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
