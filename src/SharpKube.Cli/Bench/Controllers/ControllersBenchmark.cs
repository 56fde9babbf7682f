using System.Diagnostics;
using SharpKube.Cli.Bench.ApiServer;
using SharpKube.Cli.Bench.ApiServer.Target;
using SharpKube.Cli.Bench.Controllers.Results;
using SharpKube.Cli.Bench.Controllers.Target;
using SharpKube.Cli.Commands;
using SharpKube.Storage;

namespace SharpKube.Cli.Bench.Controllers;

/// <summary>
/// The macro benchmark of the controller manager: <c>sharpkube apiserver</c> (no controllers in it) and
/// <c>sharpkube controller-manager</c> as two child processes, so each one's CPU and memory are its own; many
/// Deployments are created at once and the run times the controllers until every ReplicaSet reports its pods, then
/// deletes them and times the garbage collector.
/// </summary>
internal static class ControllersBenchmark
{
    /// <summary>Runs every phase and returns the report; progress lines go to <paramref name="progress"/>.</summary>
    public static async Task<ControllersBenchReport> RunAsync(ControllersBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        using var threads = ThreadPoolReservation.Reserve(options.Clients + 16);
        var serverOptions = new ApiServerBenchOptions { Datastore = DatastoreDriver.Sqlite, DataDir = options.DataDir };
        await progress.WriteLineAsync("[controllers] starting sharpkube apiserver as a child process (it runs no controllers)");
        var server = await ChildProcessServer.StartOnScratchAsync(serverOptions, progress, cancellationToken);
        await using (server)
        {
            string kubeconfig;
            try
            {
                kubeconfig = ComponentKubeconfigFile.WriteControllerManager(server.DataDir, server.Url);
            }
            catch (InvalidOperationException e)
            {
                throw new ControllersBenchException(e.Message, e);
            }

            await progress.WriteLineAsync($"[controllers] starting sharpkube controller-manager as a child process with {kubeconfig}");
            var controllerManagerStarted = Stopwatch.GetTimestamp();
            await using var controllerManager = ControllerManagerProcess.Start(kubeconfig, server.WorkingDir);
            var run = new ControllersRun(options, server, controllerManager, progress);
            try
            {
                return await run.RunAsync(startedAt, controllerManagerStarted, cancellationToken);
            }
            catch (Exception e) when (e is not ControllersBenchException && (ExpectedErrors.IsExpected(e) || e is k8s.Autorest.HttpOperationException))
            {
                var exited = controllerManager.Process.ExitedWith() ?? server.ExitedWith();
                throw new ControllersBenchException($"{run.Phase}: {Describe(e)}{(exited is null ? "" : $" ({exited})")}", e);
            }
        }
    }

    private static string Describe(Exception e) => e is k8s.Autorest.HttpOperationException { Response: { } response }
        ? $"{(int)response.StatusCode} {response.StatusCode}: {response.Content?.ReplaceLineEndings(" ")}"
        : e.Message;
}
