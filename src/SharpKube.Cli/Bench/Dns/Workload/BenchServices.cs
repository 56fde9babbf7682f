using System.Globalization;
using k8s;
using k8s.Models;

namespace SharpKube.Cli.Bench.Dns.Workload;

/// <summary>
/// The Services of a run, spread over a few namespaces: ClusterIP Services without a selector (so no controller
/// touches them), one named TCP port each, and every tenth one headless with one EndpointSlice holding one ready
/// endpoint — the objects the cluster DNS watches, in the mix a cluster has.
/// </summary>
internal sealed class BenchServices
{
    /// <summary>The named port of every Service: it gives each a SRV record.</summary>
    public const string PortName = "http";

    /// <summary>The cluster domain both servers answer.</summary>
    public const string ClusterDomain = "cluster.local";

    /// <summary>The namespaces the Services are spread over.</summary>
    public const int Namespaces = 10;

    private const int HeadlessEvery = 10;

    public BenchServices(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Count = count;
    }

    /// <summary>How many Services.</summary>
    public int Count { get; }

    /// <summary>How many of them are headless (and have an EndpointSlice).</summary>
    public int HeadlessCount => Count / HeadlessEvery;

    /// <summary>The namespace of Service <paramref name="index"/>.</summary>
    public static string NamespaceOf(int index) => "dns-bench-" + (index % Namespaces).ToString(CultureInfo.InvariantCulture);

    /// <summary>The name of Service <paramref name="index"/>.</summary>
    public static string NameOf(int index) => "svc-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether Service <paramref name="index"/> is headless.</summary>
    public static bool IsHeadless(int index) => index % HeadlessEvery == HeadlessEvery - 1;

    /// <summary>The fully qualified name of Service <paramref name="index"/> (no trailing dot).</summary>
    public static string FqdnOf(int index) => $"{NameOf(index)}.{NamespaceOf(index)}.svc.{ClusterDomain}";

    /// <summary>The endpoint address of headless Service <paramref name="index"/>: an address of the benchmark's pod network.</summary>
    public static string EndpointAddressOf(int index)
    {
        var headless = index / HeadlessEvery;
        return string.Create(CultureInfo.InvariantCulture, $"10.77.{headless / 250 % 256}.{(headless % 250) + 1}");
    }

    /// <summary>The namespace objects.</summary>
    public static IEnumerable<V1Namespace> NamespaceObjects() =>
        Enumerable.Range(0, Namespaces).Select(i => new V1Namespace { Metadata = new V1ObjectMeta { Name = NamespaceOf(i) } });

    /// <summary>Service <paramref name="index"/>.</summary>
    public static V1Service Service(int index) => new()
    {
        Metadata = new V1ObjectMeta { Name = NameOf(index), NamespaceProperty = NamespaceOf(index) },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = IsHeadless(index) ? "None" : null,
            Ports = [new V1ServicePort { Name = PortName, Port = 80, Protocol = "TCP", TargetPort = 8080 }],
        },
    };

    /// <summary>The EndpointSlice of headless Service <paramref name="index"/>: one ready endpoint.</summary>
    public static V1EndpointSlice EndpointSlice(int index) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = NameOf(index) + "-bench",
            NamespaceProperty = NamespaceOf(index),
            Labels = new Dictionary<string, string>
            {
                ["kubernetes.io/service-name"] = NameOf(index),
                ["endpointslice.kubernetes.io/managed-by"] = "bench.sharpkube.io",
            },
        },
        AddressType = "IPv4",
        Endpoints = [new V1Endpoint { Addresses = [EndpointAddressOf(index)], Conditions = new V1EndpointConditions { Ready = true } }],
        Ports = [new Discoveryv1EndpointPort { Name = PortName, Port = 8080, Protocol = "TCP" }],
    };

    /// <summary>
    /// Creates the namespaces, every Service and every headless Service's EndpointSlice over <paramref name="clients"/>
    /// at once, and returns what the zone holds — each Service's name and address, in index order — and the latency of
    /// each Service's create.
    /// </summary>
    public async Task<(IReadOnlyList<ZoneEntry> Zone, LatencySummary CreateLatency)> CreateAsync(IReadOnlyList<Kubernetes> clients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        foreach (var ns in NamespaceObjects())
        {
            await clients[0].CoreV1.CreateNamespaceAsync(ns, cancellationToken: cancellationToken);
        }

        var addresses = new string[Count];
        var createLatency = await ParallelWrites.RunAsync(clients, Count, async (client, index, ct) =>
        {
            var created = await client.CoreV1.CreateNamespacedServiceAsync(Service(index), NamespaceOf(index), cancellationToken: ct);
            addresses[index] = IsHeadless(index)
                ? EndpointAddressOf(index)
                : created.Spec?.ClusterIP ?? throw new DnsBenchException($"Service {NamespaceOf(index)}/{NameOf(index)} was given no cluster IP");
        }, cancellationToken);

        var headless = Enumerable.Range(0, Count).Where(IsHeadless).ToArray();
        await ParallelWrites.RunAsync(clients, headless.Length,
            (client, i, ct) => client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(EndpointSlice(headless[i]), NamespaceOf(headless[i]), cancellationToken: ct),
            cancellationToken);
        return (Enumerable.Range(0, Count).Select(i => new ZoneEntry(FqdnOf(i), addresses[i], IsHeadless(i))).ToArray(), createLatency);
    }
}
