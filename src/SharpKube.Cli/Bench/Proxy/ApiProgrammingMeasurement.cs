using System.Diagnostics;
using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Proxy;
using SharpKube.Proxy.Model;

namespace SharpKube.Cli.Bench.Proxy;

/// <summary>
/// Times the whole service proxy against a real API server: services without selectors, each with an EndpointSlice
/// of ready endpoints, are created through the API; the proxy (in-process, programming a private network namespace)
/// is started and timed until every service is in the kernel; then EndpointSlices are updated one at a time and each
/// is timed from the update's request until the proxy has written the new endpoints to the kernel.
/// </summary>
internal sealed class ApiProgrammingMeasurement(Kubernetes client, int endpoints)
{
    private const int Namespaces = 20;
    private const int Writers = 8;
    private int _created;

    /// <summary>Creates services (and their slices) until there are <paramref name="services"/>.</summary>
    public async Task GrowToAsync(int services, CancellationToken cancellationToken)
    {
        if (_created == 0)
        {
            for (var n = 0; n < Namespaces; n++)
            {
                await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = NamespaceOf(n) } },
                    cancellationToken: cancellationToken);
            }
        }
        var from = _created;
        var clients = Enumerable.Repeat(client, Writers).ToList();
        await ParallelWrites.RunAsync(clients, services - from, async (c, i, ct) =>
        {
            var index = from + i;
            var ns = NamespaceOf(index);
            var name = ServiceName(index);
            await c.CoreV1.CreateNamespacedServiceAsync(new V1Service
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 80, Protocol = "TCP" }] },
            }, ns, cancellationToken: ct);
            await c.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice(index, 0), ns, cancellationToken: ct);
        }, cancellationToken);
        _created = services;
    }

    /// <summary>Starts the proxy in <paramref name="mode"/> and measures its first sync and <paramref name="updates"/> slice updates.</summary>
    public async Task<ApiProgrammingResult> MeasureAsync(ProxyMode mode, int updates, CancellationToken cancellationToken)
    {
        await using var netns = await BenchNetworkNamespace.CreateAsync(cancellationToken);
        var options = new ProxyOptions
        {
            Mode = mode,
            NodeName = "bench-proxy-node",
            NodeAddresses = [IPAddress.Parse("192.168.100.1")],
            ClusterCidr = "10.244.0.0/14",
            NetworkNamespace = netns.Name,
            MetricsBindAddress = null,
            HealthzBindAddress = null,
            ServeServiceHealthChecks = false,
        };
        var started = Stopwatch.GetTimestamp();
        var proxy = await ServiceProxy.StartAsync(client, options, NullLoggerFactory.Instance, cancellationToken);
        try
        {
            await WaitUntilAsync(proxy, state => state.Services.Count >= _created, "every service is programmed", cancellationToken);
            var startToProgrammed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            var latency = new LatencyHistogram();
            for (var u = 1; u <= updates; u++)
            {
                var index = (u * 7919) % _created;
                var generation = Interlocked.Increment(ref _generation);
                var expected = EndpointAddress(index, 0, generation);
                var name = new ServicePortName(NamespaceOf(index), ServiceName(index), "http", ServiceProtocol.Tcp);
                var sent = Stopwatch.GetTimestamp();
                await client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(await WithEndpointsAsync(index, generation, cancellationToken),
                    ServiceName(index), NamespaceOf(index), cancellationToken: cancellationToken);
                await WaitUntilAsync(proxy, state => state.Endpoints.TryGetValue(name, out var list) && list.Any(e => e.Address.Equals(expected)),
                    $"the new endpoints of {name} are programmed", cancellationToken);
                latency.RecordBetween(sent, Stopwatch.GetTimestamp());
            }
            return new ApiProgrammingResult(mode.ToString().ToLowerInvariant(), _created, endpoints, Math.Round(startToProgrammed, 1), LatencySummary.From(latency));
        }
        finally
        {
            await proxy.DisposeAsync();
            await ProxyBackends.Create(options, NullLoggerFactory.Instance).CleanupAsync(CancellationToken.None);
        }
    }

    private int _generation;

    private async Task<V1EndpointSlice> WithEndpointsAsync(int index, int generation, CancellationToken cancellationToken)
    {
        var current = await client.DiscoveryV1.ReadNamespacedEndpointSliceAsync(ServiceName(index), NamespaceOf(index), cancellationToken: cancellationToken);
        var updated = Slice(index, generation);
        updated.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
        return updated;
    }

    /// <summary>Waits until the rules the proxy last wrote to the kernel satisfy <paramref name="condition"/> (polled every millisecond).</summary>
    private static async Task WaitUntilAsync(RunningServiceProxy proxy, Func<ProxyState, bool> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 300);
        while (proxy.Loop.Applied is not { } applied || !condition(applied))
        {
            if (proxy.Completion.IsCompleted)
            {
                await proxy.Completion;
                throw new InvalidOperationException("the service proxy stopped before " + what);
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("timed out waiting until " + what);
            }
            await Task.Delay(1, cancellationToken);
        }
    }

    private V1EndpointSlice Slice(int index, int generation) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = ServiceName(index),
            Labels = new Dictionary<string, string>
            {
                ["kubernetes.io/service-name"] = ServiceName(index),
                ["endpointslice.kubernetes.io/managed-by"] = "bench.sharpkube.io",
            },
        },
        AddressType = "IPv4",
        Ports = [new Discoveryv1EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }],
        Endpoints = [.. Enumerable.Range(0, endpoints).Select(e => new V1Endpoint
        {
            Addresses = [EndpointAddress(index, e, generation).ToString()],
            Conditions = new V1EndpointConditions { Ready = true, Serving = true, Terminating = false },
            NodeName = "bench-proxy-node",
        })],
    };

    private IPAddress EndpointAddress(int index, int endpoint, int generation)
    {
        var value = 0x0AF4_0000u + (uint)((((index * endpoints) + endpoint + (generation * 7919)) % 0x3_FFFE) + 1);
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }

    private static string NamespaceOf(int index) => "bench-proxy-" + (index % Namespaces).ToString(CultureInfo.InvariantCulture);

    private static string ServiceName(int index) => "svc-" + index.ToString(CultureInfo.InvariantCulture);
}
