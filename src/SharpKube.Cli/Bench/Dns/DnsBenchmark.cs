using System.Diagnostics;
using System.Globalization;
using k8s;
using SharpKube.Cli.Bench.Dns.Dnsperf;
using SharpKube.Cli.Bench.Dns.Peer;
using SharpKube.Cli.Bench.Dns.Results;
using SharpKube.Cli.Bench.Dns.Target;
using SharpKube.Cli.Bench.Dns.Workload;
using SharpKube.Cli.Bench.SingleNode;

namespace SharpKube.Cli.Bench.Dns;

/// <summary>
/// The cluster DNS against a peer on the same zone: <c>sharpkube server</c> (API server only) as a child process gets
/// the run's Services and EndpointSlices; <c>sharpkube dns</c>, another child process, serves them, and dnsmasq serves
/// the same names from files the benchmark writes. dnsperf then loads one server after the other with the same query
/// files and settings, and the report puts their throughput, latency, CPU and memory side by side.
/// </summary>
internal static class DnsBenchmark
{
    /// <summary>Everything but the API server is off: nothing else competes for the cores, and no second DNS server binds anywhere.</summary>
    public const string DisabledComponents = "kubelet,scheduler,controller-manager,proxy,dns";

    private static readonly TimeSpan _serverStartTimeout = TimeSpan.FromSeconds(180);
    private const int Writers = 8;

    /// <summary>Runs the benchmark and returns the report; progress lines go to <paramref name="progress"/>.</summary>
    public static async Task<DnsBenchReport> RunAsync(DnsBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var startedAt = DateTimeOffset.UtcNow;
        var dnsperfVersion = await DnsperfRun.VersionAsync(options.Dnsperf, cancellationToken);
        var ownsOutputDir = options.OutputDir is null;
        var outputDir = options.OutputDir is { } given ? Directory.CreateDirectory(given).FullName : Directory.CreateTempSubdirectory("sharpkube-bench-dns-").FullName;
        var dataDir = Directory.CreateTempSubdirectory("skb-dns-").FullName;
        try
        {
            await progress.WriteLineAsync($"[dns] starting sharpkube server (API server only) over {dataDir}; files in {outputDir}");
            await using var controlPlane = await BenchControlPlane.StartAsync(dataDir, outputDir, DisabledComponents, cancellationToken);
            var workload = new BenchServices(options.Services);
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(controlPlane.AdminKubeconfig);
            var clients = Enumerable.Range(0, Writers).Select(_ => new Kubernetes(config)).ToArray();
            IReadOnlyList<ZoneEntry> zone;
            LatencySummary createLatency;
            double createSeconds;
            try
            {
                await progress.WriteLineAsync(
                    $"[dns] creating {Count(workload.Count)} Services ({Count(workload.HeadlessCount)} headless, each with an EndpointSlice) " +
                    $"in {BenchServices.Namespaces} namespaces from {Writers} clients");
                var start = Stopwatch.GetTimestamp();
                (zone, createLatency) = await workload.CreateAsync(clients, cancellationToken);
                createSeconds = Math.Round(Stopwatch.GetElapsedTime(start).TotalSeconds, 3);
                await progress.WriteLineAsync($"[dns]   created in {createSeconds:0.0} s");
            }
            finally
            {
                foreach (var client in clients)
                {
                    client.Dispose();
                }
            }

            var hostsFile = Path.Combine(outputDir, "dnsmasq.hosts");
            var srvFile = Path.Combine(outputDir, "dnsmasq-srv.conf");
            DnsmasqZoneFiles.WriteHosts(hostsFile, zone);
            DnsmasqZoneFiles.WriteSrvConfiguration(srvFile, zone);
            var files = new DnsQueryFiles(Path.Combine(outputDir, "queries-cached.txt"), Path.Combine(outputDir, "queries-mixed.txt"));
            var sampleNames = QueryFiles.WriteCachedNames(files.Cached, zone, options.Sample);
            var mixedQueries = QueryFiles.WriteMixed(files.Mixed, zone, options.Sample);

            await progress.WriteLineAsync($"[dns] starting {options.Dnsmasq} on the same zone: one instance with its SRV records, one without");
            await using var peer = await DnsmasqPeer.StartAsync(options.Dnsmasq, hostsFile, null, zone, outputDir, _serverStartTimeout, cancellationToken);
            await using var peerWithSrv = await DnsmasqPeer.StartAsync(
                options.Dnsmasq, hostsFile, srvFile, zone, outputDir, _serverStartTimeout, cancellationToken);
            var peerRss = peer.Process.Memory()?.Rss;

            await progress.WriteLineAsync("[dns] starting sharpkube dns; waiting for /ready and for it to answer the zone");
            await using var dns = await ClusterDnsProcess.StartAsync(
                controlPlane.AdminKubeconfig, peer.Port, zone, outputDir, _serverStartTimeout, cancellationToken);
            var dnsRss = dns.Process.Memory()?.Rss;
            await progress.WriteLineAsync(
                $"[dns]   ready after {dns.ReadySeconds:0.00} s, RSS {Mib(dnsRss)}; dnsmasq RSS {Mib(peerRss)}");

            var settings = new DnsperfSettings(options.Dnsperf, options.Duration, options.Clients, options.Threads, options.Outstanding);
            var passes = new ServerPasses(settings, files, options.LatencyQps, outputDir, progress);
            var loadBefore = LoadAverage.Read();
            var ours = await MeasureAsync(
                "sharpkube dns", dns.Description, dns.ReadySeconds, dnsRss, dns.Process, dns.Port, null, "sharpkube-dns", passes, cancellationToken);
            var theirs = await MeasureAsync(
                peer.Version, $"{peer.Description}; for the mixed pass {peerWithSrv.Description}", null, peerRss, peer.Process, peer.Port,
                peerWithSrv, "dnsmasq", passes, cancellationToken);

            return new DnsBenchReport(
                "dns",
                Commands.VersionInfo.Current.SharpKubeVersion,
                startedAt,
                options.CommandLine,
                MachineInfo.Current(),
                controlPlane.Description,
                new DnsBenchSettings(workload.Count, workload.HeadlessCount, BenchServices.Namespaces, BenchServices.ClusterDomain, sampleNames,
                    mixedQueries, options.Duration.TotalSeconds, passes.WarmUp.TotalSeconds, options.Clients, options.Threads, options.Outstanding,
                    options.LatencyQps, dnsperfVersion),
                createSeconds,
                createLatency,
                [ours, theirs],
                DnsReference.For(workload.Count + workload.HeadlessCount),
                loadBefore,
                LoadAverage.Read());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
            if (ownsOutputDir)
            {
                Directory.Delete(outputDir, recursive: true);
            }
        }
    }

    private static async Task<DnsServerResult> MeasureAsync(
        string server, string description, double? readySeconds, long? rssAfterStart, ChildProcess process, int port, DnsmasqPeer? mixedPeer,
        string fileTag, ServerPasses passes, CancellationToken cancellationToken)
    {
        var answering = new DnsTarget(new MeasuredProcess(server, process.CpuTime, process.Memory), port);
        var mixed = mixedPeer is null
            ? answering
            : new DnsTarget(new MeasuredProcess(server + " with SRV records", mixedPeer.Process.CpuTime, mixedPeer.Process.Memory), mixedPeer.Port);
        var results = await passes.RunAsync(answering, mixed, fileTag, cancellationToken);
        if ((process.ExitedWith() ?? mixedPeer?.Process.ExitedWith()) is { } exited)
        {
            throw new DnsBenchException($"{server} stopped during the benchmark: {exited}");
        }

        var memory = process.Memory();
        return new DnsServerResult(server, description, readySeconds, rssAfterStart, memory?.Rss, memory?.Peak, results);
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Mib(long? bytes) =>
        bytes is { } value ? (value / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB" : "unknown";
}
