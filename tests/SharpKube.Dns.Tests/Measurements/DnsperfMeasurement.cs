using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.ApiServer.Hosting;
using SharpKube.Dns.Tests.Fixtures;
using SharpKube.Storage;

namespace SharpKube.Dns.Tests.Measurements;

/// <summary>
/// Not a test: a measurement run by hand (<c>-class SharpKube.Dns.Tests.Measurements.DnsperfMeasurement -explicit only</c>, <c>SK_DNS_SERVICES=N</c>). It creates
/// Services in an in-process API server, starts <c>sharpkube dns</c> as its own process against it, drives it with
/// dnsperf for 10 s over the in-cluster names, and prints the queries per second and the DNS process's resident set.
/// </summary>
public sealed class DnsperfMeasurement(ITestOutputHelper output)
{
    [Fact(Explicit = true)]
    public async Task CachedClusterNames_QueriesPerSecondAndResidentSet()
    {
        // SK_DNS_SERVICES sets how many Services to create (default 1,000).
        var services = int.TryParse(Environment.GetEnvironmentVariable("SK_DNS_SERVICES"), out var count) ? count : 1000;
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-dns-measure-").FullName;
        await using var server = await ApiServerHost.StartAsync(new ApiServerOptions
        {
            DataDir = dataDir,
            BindAddress = IPAddress.Loopback,
            HttpsPort = 0,
            Datastore = DatastoreDriver.Sqlite,
        }, NullLoggerFactory.Instance, CancellationToken.None);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.AdminKubeconfigPath));
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "load" } }, cancellationToken: TestContext.Current.CancellationToken);
        var names = new List<string>();
        var created = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, services), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
            {
                Metadata = new V1ObjectMeta { Name = $"svc-{i}" },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 80 }] },
            }, "load", cancellationToken: ct);
        });
        output.WriteLine($"created {services} services in {created.Elapsed.TotalSeconds:F1}s");
        for (var i = 0; i < services; i++)
        {
            names.Add($"svc-{i}.load.svc.cluster.local A");
        }
        var port = FreePort();
        var cli = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/SharpKube.Cli/bin/Release/net10.0/sharpkube"));
        var start = new ProcessStartInfo(cli) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // SK_DNS_ENV=NAME=VALUE,... sets runtime knobs for the DNS process alone (GC budget, compaction level).
        foreach (var pair in (Environment.GetEnvironmentVariable("SK_DNS_ENV") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            start.Environment[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }
        foreach (var arg in (string[])["dns", "--kubeconfig", server.AdminKubeconfigPath, "--bind-address", "127.0.0.1", "--port", port.ToString(),
            "--metrics-port", "0", "--health-port", "0", "--ready-port", "0", "--upstream", "127.0.0.1:1"])
        {
            start.ArgumentList.Add(arg);
        }
        using var dns = Process.Start(start)!;
        try
        {
            var dig = new Dig("127.0.0.1", port);
            await Eventually.TrueAsync(async () => (await dig.ShortAsync($"svc-{services - 1}.load.svc.cluster.local")).Length == 1, "the last service resolves",
                TimeSpan.FromSeconds(120));
            var file = Path.GetTempFileName();
            await File.WriteAllLinesAsync(file, names, TestContext.Current.CancellationToken);
            output.WriteLine($"RSS before load: {Rss(dns.Id) / 1024} MB");
            var perf = new ProcessStartInfo("dnsperf") { UseShellExecute = false, RedirectStandardOutput = true };
            foreach (var arg in (string[])["-s", "127.0.0.1", "-p", port.ToString(), "-d", file, "-l", "10", "-c", "4", "-T", "2", "-q", "500"])
            {
                perf.ArgumentList.Add(arg);
            }
            using var run = Process.Start(perf)!;
            var text = await run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await run.WaitForExitAsync(TestContext.Current.CancellationToken);
            output.WriteLine(text);
            output.WriteLine($"RSS after load: {Rss(dns.Id) / 1024} MB");
            output.WriteLine(string.Join(", ", File.ReadLines($"/proc/{dns.Id}/status").Where(l => l.StartsWith("Rss", StringComparison.Ordinal) || l.StartsWith("Threads", StringComparison.Ordinal))));
            File.Delete(file);
            if (Environment.GetEnvironmentVariable("SK_DNS_SMAPS") is { Length: > 0 } smaps)
            {
                File.Copy($"/proc/{dns.Id}/smaps", smaps, overwrite: true);
            }
        }
        finally
        {
            if (!dns.HasExited)
            {
                dns.Kill();
            }
            await dns.WaitForExitAsync(CancellationToken.None);
            output.WriteLine(await dns.StandardOutput.ReadToEndAsync(CancellationToken.None));
            output.WriteLine(await dns.StandardError.ReadToEndAsync(CancellationToken.None));
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
