using SharpKube.Cli.Bench.ApiServer.Clients;
using SharpKube.Cli.Bench.ApiServer.Results;
using SharpKube.Cli.Bench.ApiServer.Target;
using SharpKube.Cli.Bench.ApiServer.Workload;
using SharpKube.Cli.Commands;

namespace SharpKube.Cli.Bench.ApiServer;

/// <summary>
/// The macro benchmark of the API server: starts one (or targets an existing one) and drives it over HTTPS with the
/// official KubernetesClient — creates, gets, updates, lists and watches of pods — measuring latency to the last byte.
/// </summary>
internal static class ApiServerBenchmark
{
    /// <summary>Runs every phase and returns the report; progress lines go to <paramref name="progress"/>.</summary>
    public static async Task<ApiServerBenchReport> RunAsync(ApiServerBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        using var threads = ThreadPoolReservation.Reserve(options.Clients + 16);
        IServerUnderTest server;
        try
        {
            server = await ServerLauncher.StartAsync(options, progress, cancellationToken);
        }
        catch (Exception e) when (ExpectedErrors.IsExpected(e) && e is not ApiServerBenchException)
        {
            throw new ApiServerBenchException($"cannot start the API server: {e.Message}", e);
        }

        await using (server)
        {
            await progress.WriteLineAsync($"[apiserver] measuring {server.Description} at {server.Url}");
            using var factory = new ClientFactory(server.KubeconfigPath, options.Mode == ServerMode.External ? server.Url : null);
            var run = new BenchmarkRun(options, server, factory, BenchPods.ForNewRun(), progress);
            try
            {
                return await run.RunAsync(startedAt, cancellationToken);
            }
            catch (Exception e) when (ExpectedErrors.IsExpected(e) || e is k8s.Autorest.HttpOperationException)
            {
                var exited = server.ExitedWith();
                throw new ApiServerBenchException($"{run.Phase}: {Describe(e)}{(exited is null ? "" : $" ({exited})")}", e);
            }
        }
    }

    private static string Describe(Exception e) => e is k8s.Autorest.HttpOperationException { Response: { } response }
        ? $"{(int)response.StatusCode} {response.StatusCode}: {response.Content?.ReplaceLineEndings(" ")}"
        : e.Message;
}
