using System.Globalization;
using k8s;
using SharpKube.Cli.Bench.ApiServer.Clients;
using SharpKube.Cli.Bench.ApiServer.Phases;
using SharpKube.Cli.Bench.ApiServer.Results;
using SharpKube.Cli.Bench.ApiServer.Target;
using SharpKube.Cli.Bench.ApiServer.Watch;
using SharpKube.Cli.Bench.ApiServer.Workload;
using SharpKube.Cli.Commands;

namespace SharpKube.Cli.Bench.ApiServer;

/// <summary>Runs the phases of the API server benchmark against one server, in a fixed order, in a namespace of the run's own.</summary>
internal sealed class BenchmarkRun
{
    // Each PUT client owns this many pods: a controller updates the same few objects again and again.
    private const int PodsPerPutClient = 16;

    // Unmeasured requests per client before a read or update phase (creates are not repeated: the 1-client phase warms them).
    private const int WarmUpRequests = 20;

    private readonly ApiServerBenchOptions _options;
    private readonly IServerUnderTest _server;
    private readonly ClientFactory _factory;
    private readonly BenchPods _pods;
    private readonly TextWriter _progress;

    public BenchmarkRun(ApiServerBenchOptions options, IServerUnderTest server, ClientFactory factory, BenchPods pods, TextWriter progress)
    {
        _options = options;
        _server = server;
        _factory = factory;
        _pods = pods;
        _progress = progress;
    }

    /// <summary>The phase running now, for error messages.</summary>
    public string Phase { get; private set; } = "setup";

    private TimeSpan Duration => _options.Duration;

    public async Task<ApiServerBenchReport> RunAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var admin = _factory.Create();
        await StartPhaseAsync($"creating namespace {_pods.Namespace}");
        await admin.CoreV1.CreateNamespaceAsync(_pods.NamespaceObject(), cancellationToken: cancellationToken);

        var single = _factory.Create();
        var clients = Enumerable.Range(0, _options.Clients).Select(_ => _factory.Create()).ToArray();
        await StartPhaseAsync($"opening {clients.Length + 1} connections");
        await WarmUpAsync([single, .. clients], _pods.Namespace, cancellationToken);

        var half = Math.Max(1, _options.Pods / 2);
        var firstSource = new PodIndexSource(0, half);
        var createOne = await RunRequestsAsync(
            $"create, 1 client, up to {half:N0} pods or {Seconds}", "create",
            [new CreatePodClient(single, _pods, firstSource)], 0, () => PhaseStop.After(Duration, cancellationToken));
        var rest = new PodIndexSource(firstSource.End, _options.Pods);
        var createMany = await RunRequestsAsync(
            $"create, {Clients(clients.Length)}, until {_options.Pods:N0} pods exist", "create",
            clients.Select(c => new CreatePodClient(c, _pods, rest)).ToArray(), 0, () => PhaseStop.WhenTold(cancellationToken));
        long podCount = rest.End;

        await StartPhaseAsync("measuring one stored pod");
        var podBytes = await StoredPodBytesAsync(admin, cancellationToken);

        var get = await RunRequestsAsync($"get, {Clients(clients.Length)}, {Seconds}", "get",
            clients.Select((c, i) => new GetPodClient(c, _pods, podCount, seed: i + 1)).ToArray(), WarmUpRequests, () => PhaseStop.After(Duration, cancellationToken));

        var patch = await RunRequestsAsync($"update (merge patch), {Clients(clients.Length)}, {Seconds}", "update (merge patch)",
            clients.Select((c, i) => new PatchPodClient(c, _pods, i, clients.Length, podCount)).ToArray(), WarmUpRequests, () => PhaseStop.After(Duration, cancellationToken));

        await StartPhaseAsync("reading the pods the PUT clients own");
        var putClients = new List<RequestClient>();
        for (var i = 0; i < clients.Length && i < podCount; i++)
        {
            var owned = Enumerable.Range(0, PodsPerPutClient).Select(k => i + ((long)k * clients.Length)).Where(index => index < podCount);
            putClients.Add(await PutPodClient.CreateAsync(clients[i], _pods, owned, cancellationToken));
        }

        var put = await RunRequestsAsync($"update (PUT), {Clients(putClients.Count)}, {Seconds}", "update (PUT)",
            putClients, WarmUpRequests, () => PhaseStop.After(Duration, cancellationToken));

        var lists = new List<ListPhaseResult>();
        foreach (var asTable in new[] { false, true })
        {
            await StartPhaseAsync($"list {podCount:N0} pods as {(asTable ? "Table" : "JSON")}, 1 client, {_options.ListRepeats} times");
            lists.Add(await ListPhase.RunAsync(_factory, single, _pods.Namespace, asTable, _options.ListRepeats, _server, cancellationToken));
        }

        var stored = _server.MeasureMemory();

        var protocol = _options.WatchOverHttp1 ? "HTTP/1.1 connection each" : $"{Math.Min(_options.WatchConnections, _options.Watchers)} HTTP/2 connections";
        await StartPhaseAsync($"watch, {_options.Watchers:N0} watchers on {protocol}, {_options.WriteRate:N0} writes/s for {Seconds}");
        var watch = await WatchPhase.RunAsync(_factory, _pods, podCount, _options, _server, cancellationToken);

        var afterWatch = _server.MeasureMemory();
        var memory = stored is null
            ? null
            : new MemoryResult(stored.Method, stored.IncludesClient, podCount, stored.RssBytes, afterWatch?.RssBytes,
                afterWatch?.PeakRssBytes ?? stored.PeakRssBytes, stored.ManagedHeapBytes);

        if (_server.Mode == ServerMode.External)
        {
            await CleanUpAsync(admin);
        }

        var create = new[] { createOne, createMany };
        var update = new[] { patch, put };
        var settings = new ApiServerBenchSettings(
            _server.Mode == ServerMode.External ? null : _options.Datastore.ToString().ToLowerInvariant(),
            ModeName(_server.Mode),
            _options.Pods,
            podBytes,
            _options.Clients,
            _options.Watchers,
            watch.Connections,
            watch.Protocol,
            _options.WriteRate,
            Duration.TotalSeconds,
            _options.ListRepeats,
            _pods.Namespace);
        return new ApiServerBenchReport(
            "apiserver",
            VersionInfo.Current.SharpKubeVersion,
            startedAt,
            _options.CommandLine,
            MachineInfo.Current(),
            _server.Description,
            _factory.Versions.Snapshot(),
            settings,
            create,
            get,
            update,
            lists,
            watch,
            memory,
            Targets.Check(create, get, update, lists, watch, memory),
            Problems.Find(podCount, _options.Pods, create, get, update, lists, watch));
    }

    private string Seconds => $"{Duration.TotalSeconds:0.###} s";

    private async Task<RequestPhaseResult> RunRequestsAsync(
        string description, string phase, IReadOnlyList<RequestClient> clients, int warmUpRequests, Func<PhaseStop> stop)
    {
        await StartPhaseAsync(description);
        return await RequestPhase.RunAsync(phase, clients, warmUpRequests, stop, _server);
    }

    private static async Task WarmUpAsync(IEnumerable<Kubernetes> clients, string ns, CancellationToken cancellationToken)
    {
        // Open every connection (TLS handshake, HTTP/2 settings) before any request is timed.
        await Task.WhenAll(clients.Select(c => c.CoreV1.ListNamespacedPodAsync(ns, limit: 1, cancellationToken: cancellationToken)));
    }

    private async Task<long> StoredPodBytesAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        using var request = _factory.Get(client, $"api/v1/namespaces/{_pods.Namespace}/pods/{BenchPods.Name(0)}", "application/json", ClientFactory.Http2);
        using var response = await client.HttpClient.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync(cancellationToken)).LongLength;
    }

    private async Task CleanUpAsync(Kubernetes admin)
    {
        await StartPhaseAsync($"deleting the run's pods and namespace {_pods.Namespace}");
        try
        {
            await admin.CoreV1.DeleteCollectionNamespacedPodAsync(_pods.Namespace);
            await admin.CoreV1.DeleteNamespaceAsync(_pods.Namespace);
        }
        catch (Exception e) when (ExpectedErrors.IsExpected(e) || e is k8s.Autorest.HttpOperationException)
        {
            await _progress.WriteLineAsync($"[apiserver] warning: could not clean up namespace {_pods.Namespace}: {e.Message}");
        }
    }

    private async Task StartPhaseAsync(string phase)
    {
        Phase = phase;
        await _progress.WriteLineAsync($"[apiserver] {phase}");
    }

    private static string Clients(int n) => n == 1 ? "1 client" : $"{n.ToString(CultureInfo.InvariantCulture)} clients";

    private static string ModeName(ServerMode mode) => mode switch
    {
        ServerMode.ChildProcess => "child-process",
        ServerMode.InProcess => "in-process",
        _ => "external",
    };
}
