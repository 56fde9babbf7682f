using System.Diagnostics;
using System.Globalization;
using k8s;
using SharpKube.Cli.Bench.ApiServer.Clients;
using SharpKube.Cli.Bench.ApiServer.Phases;
using SharpKube.Cli.Bench.ApiServer.Results;
using SharpKube.Cli.Bench.ApiServer.Target;
using SharpKube.Cli.Bench.ApiServer.Workload;

namespace SharpKube.Cli.Bench.ApiServer.Watch;

/// <summary>
/// Watch delivery: every watcher watches the run's pods from the namespace's current resourceVersion; once the server
/// has answered them all, the writer patches pods at the configured rate for the phase's duration; then the phase waits
/// for every watcher to have every acknowledged write, and compares when each event was read with when its write was
/// acknowledged.
/// </summary>
internal static class WatchPhase
{
    private static readonly TimeSpan _readyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(10);

    public static async Task<WatchPhaseResult> RunAsync(
        ClientFactory factory, BenchPods pods, long podCount, ApiServerBenchOptions options, IServerUnderTest server, CancellationToken cancellationToken)
    {
        var writes = (int)Math.Max(1, Math.Round(options.WriteRate * options.Duration.TotalSeconds));
        var writerClient = factory.Create();
        var resourceVersion = await CurrentResourceVersionAsync(writerClient, pods.Namespace, cancellationToken);

        var (connections, version) = options.WatchOverHttp1
            ? (new[] { factory.Create() }, System.Net.HttpVersion.Version11)
            : (Enumerable.Range(0, Math.Min(options.WatchConnections, options.Watchers)).Select(_ => factory.Create()).ToArray(), ClientFactory.Http2);
        var watchers = Enumerable.Range(0, options.Watchers)
            .Select(i => new PodWatcher(factory, connections[i % connections.Length], pods.Namespace, version, writes))
            .ToArray();

        // The server must not end a watch on its own during the phase.
        var serverTimeout = TimeSpan.FromSeconds(600) + (3 * options.Duration);
        using var stopWatchers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = watchers.Select(w => Task.Run(() => w.RunAsync(resourceVersion, serverTimeout, stopWatchers.Token))).ToArray();
        try
        {
            await WaitForWatchersAsync(watchers, cancellationToken);

            var cpu = CpuMeter.Start(server);
            var writer = new WatchWriter(writerClient, pods, podCount, options.WriteRate, writes);
            var writeStart = Stopwatch.GetTimestamp();
            var lastAcknowledged = await writer.RunAsync(cancellationToken);
            var writeSeconds = Stopwatch.GetElapsedTime(writeStart).TotalSeconds;
            var acknowledged = CountAcknowledged(writer.AcknowledgedAt);

            // A server that cannot keep up delivers late rather than never: wait long enough to tell the two apart.
            var catchUpLimit = TimeSpan.FromSeconds(Math.Max(30, 3 * options.Duration.TotalSeconds));
            var waitStart = Stopwatch.GetTimestamp();
            while (watchers.Any(w => w.Delivered < acknowledged && w.Error is null) && Stopwatch.GetElapsedTime(waitStart) < catchUpLimit)
            {
                await Task.Delay(_pollInterval, cancellationToken);
            }

            var (clientCpu, serverCpu) = cpu.Since(server);
            await stopWatchers.CancelAsync();
            await Task.WhenAll(watching);
            return Summarise(watchers, writer, options, options.WatchOverHttp1 ? options.Watchers : connections.Length, version, writeSeconds, lastAcknowledged, clientCpu, serverCpu);
        }
        finally
        {
            await stopWatchers.CancelAsync();
            await Task.WhenAll(watching);
        }
    }

    private static async Task<long> CurrentResourceVersionAsync(Kubernetes client, string ns, CancellationToken cancellationToken)
    {
        // As an informer does: a LIST gives the resourceVersion to watch from (limit 1: only the version is wanted).
        var list = await client.CoreV1.ListNamespacedPodAsync(ns, limit: 1, cancellationToken: cancellationToken);
        var text = list.Metadata?.ResourceVersion;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ApiServerBenchException($"the pod list's resourceVersion \"{text}\" is not a number");
    }

    private static async Task WaitForWatchersAsync(PodWatcher[] watchers, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(watchers.Select(w => w.Ready)).WaitAsync(_readyTimeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            var waiting = watchers.Count(w => !w.Ready.IsCompleted);
            throw new ApiServerBenchException($"{waiting} of {watchers.Length} watches were not answered within {_readyTimeout.TotalSeconds:0} s", e);
        }
        catch (InvalidOperationException e)
        {
            throw new ApiServerBenchException($"a watch failed to start: {e.Message}", e);
        }
    }

    private static long CountAcknowledged(ReadOnlySpan<long> acknowledgedAt)
    {
        long count = 0;
        foreach (var at in acknowledgedAt)
        {
            if (at != 0)
            {
                count++;
            }
        }

        return count;
    }

    private static WatchPhaseResult Summarise(
        PodWatcher[] watchers, WatchWriter writer, ApiServerBenchOptions options, int connections, Version version,
        double writeSeconds, long lastAcknowledged, double clientCpu, double? serverCpu)
    {
        var acknowledgedAt = writer.AcknowledgedAt;
        var sentAt = writer.SentAt;
        var acknowledged = CountAcknowledged(acknowledgedAt);
        var lag = new LatencyHistogram();
        var endToEnd = new LatencyHistogram();
        long deliveries = 0, missed = 0, early = 0, lastReceived = 0;
        var complete = 0;
        foreach (var watcher in watchers)
        {
            var receivedAt = watcher.ReceivedAt;
            long watcherMissed = 0;
            for (var i = 0; i < acknowledgedAt.Length; i++)
            {
                if (acknowledgedAt[i] == 0)
                {
                    continue;
                }

                if (receivedAt[i] == 0)
                {
                    watcherMissed++;
                    continue;
                }

                deliveries++;
                lastReceived = Math.Max(lastReceived, receivedAt[i]);
                var delay = receivedAt[i] - acknowledgedAt[i];
                if (delay < 0)
                {
                    early++;
                }

                lag.Record(Math.Max(0, delay));
                endToEnd.Record(receivedAt[i] - sentAt[i]);
            }

            missed += watcherMissed;
            if (watcherMissed == 0 && watcher.Duplicates == 0 && watcher.OutOfOrder == 0 && watcher.Error is null)
            {
                complete++;
            }
        }

        var catchUp = lastReceived > lastAcknowledged && lastAcknowledged > 0
            ? Stopwatch.GetElapsedTime(lastAcknowledged, lastReceived).TotalMilliseconds
            : 0;
        return new WatchPhaseResult(
            watchers.Length,
            connections,
            version.Major == 2 ? "HTTP/2" : "HTTP/1.1",
            options.WriteRate,
            acknowledged,
            writer.Errors,
            writeSeconds > 0 ? Math.Round(acknowledged / writeSeconds, 1) : 0,
            LatencySummary.From(writer.Latency),
            deliveries,
            missed,
            watchers.Sum(w => w.Duplicates),
            watchers.Sum(w => w.OutOfOrder),
            watchers.Sum(w => w.Restarts),
            complete,
            Math.Round(catchUp, 3),
            LatencySummary.From(lag),
            early,
            LatencySummary.From(endToEnd),
            clientCpu,
            serverCpu,
            watchers.Select(w => w.Error).FirstOrDefault(e => e is not null) ?? writer.FirstError);
    }
}
