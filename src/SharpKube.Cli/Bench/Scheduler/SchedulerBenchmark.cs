using System.Diagnostics;
using SharpKube.Cli.Bench.ApiServer;
using SharpKube.Cli.Bench.ApiServer.Target;
using SharpKube.Cli.Bench.Scheduler.Results;
using SharpKube.Cli.Bench.Scheduler.Target;
using SharpKube.Cli.Bench.Scheduler.Workload;
using SharpKube.Cli.Commands;
using SharpKube.Storage;

namespace SharpKube.Cli.Bench.Scheduler;

/// <summary>
/// The scheduler macro benchmark, after upstream's scheduler_perf but end to end: for each workload a fresh cluster
/// of three child processes — <c>sharpkube apiserver</c> (SQLite), <c>sharpkube hollow-nodes</c> and
/// <c>sharpkube scheduler</c> — so each one's CPU and memory are its own, on the same machine as the clients.
/// </summary>
internal static class SchedulerBenchmark
{
    /// <summary>Runs every workload and returns the report; progress lines go to <paramref name="progress"/>.</summary>
    public static async Task<SchedulerBenchReport> RunAsync(IReadOnlyList<SchedulerWorkload> workloads, SchedulerBenchOptions options, TextWriter progress,
        CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        using var threads = ThreadPoolReservation.Reserve(options.Clients + 16);
        var results = new List<WorkloadResult>();
        var setup = new List<string>();
        foreach (var workload in workloads)
        {
            results.Add(await RunWorkloadAsync(workload, options, setup, progress, cancellationToken));
        }

        return new SchedulerBenchReport("scheduler", VersionInfo.Current.SharpKubeVersion, startedAt, options.CommandLine, MachineInfo.Current(),
            setup, options.Clients, results);
    }

    private static async Task<WorkloadResult> RunWorkloadAsync(SchedulerWorkload workload, SchedulerBenchOptions options, List<string> setup,
        TextWriter progress, CancellationToken cancellationToken)
    {
        var serverOptions = new ApiServerBenchOptions { Datastore = DatastoreDriver.Sqlite };
        await progress.WriteLineAsync($"[scheduler] {workload.Name}: starting sharpkube apiserver as a child process");
        var server = await ChildProcessServer.StartOnScratchAsync(serverOptions, progress, cancellationToken);
        await using (server)
        {
            string schedulerKubeconfig;
            try
            {
                schedulerKubeconfig = ComponentKubeconfigFile.WriteScheduler(server.DataDir, server.Url);
            }
            catch (InvalidOperationException e)
            {
                throw new SchedulerBenchException(e.Message, e);
            }

            await progress.WriteLineAsync($"[scheduler] {workload.Name}: starting sharpkube hollow-nodes --count {workload.Nodes} as a child process");
            var nodesStarted = Stopwatch.GetTimestamp();
            await using var nodes = HollowNodesProcess.Start(workload, server.KubeconfigPath, server.WorkingDir);
            if (setup.Count == 0)
            {
                setup.Add(server.Description);
                setup.Add(nodes.Description);
            }

            var run = new WorkloadRun(workload, options, server, nodes, progress);
            try
            {
                var result = await run.RunAsync(nodesStarted, schedulerKubeconfig, server.WorkingDir, cancellationToken);
                if (setup.Count == 2)
                {
                    setup.Add("sharpkube scheduler child process: default profile, leader election off, as system:kube-scheduler");
                }

                return result;
            }
            catch (Exception e) when (e is not SchedulerBenchException && (ExpectedErrors.IsExpected(e) || e is k8s.Autorest.HttpOperationException))
            {
                var exited = nodes.Process.ExitedWith() ?? server.ExitedWith();
                throw new SchedulerBenchException($"{workload.Name}: {run.Phase}: {Describe(e)}{(exited is null ? "" : $" ({exited})")}", e);
            }
            catch (SchedulerBenchException e)
            {
                throw new SchedulerBenchException($"{workload.Name}: {run.Phase}: {e.Message}", e);
            }
        }
    }

    private static string Describe(Exception e) => e is k8s.Autorest.HttpOperationException { Response: { } response }
        ? $"{(int)response.StatusCode} {response.StatusCode}: {response.Content?.ReplaceLineEndings(" ")}"
        : e.Message;
}
