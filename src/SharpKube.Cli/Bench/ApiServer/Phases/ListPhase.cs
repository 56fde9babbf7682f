using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using k8s;
using SharpKube.Cli.Bench.ApiServer.Clients;
using SharpKube.Cli.Bench.ApiServer.Results;
using SharpKube.Cli.Bench.ApiServer.Target;

namespace SharpKube.Cli.Bench.ApiServer.Phases;

/// <summary>
/// LISTs of every pod of the run's namespace, one at a time, through the raw HTTP client so the time measured runs to
/// the last byte of the body (read and discarded) and not through a client-side deserializer.
/// </summary>
internal static class ListPhase
{
    /// <summary>The Accept header kubectl sends for <c>kubectl get</c>: a Table, or plain JSON from servers that cannot.</summary>
    public const string TableAccept =
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    /// <summary>The Accept header for a PodList.</summary>
    public const string JsonAccept = "application/json";

    /// <summary>Checks one response (untimed), then times <paramref name="repeats"/> more.</summary>
    public static async Task<ListPhaseResult> RunAsync(
        ClientFactory factory, Kubernetes client, string ns, bool asTable, int repeats, IServerUnderTest server, CancellationToken cancellationToken)
    {
        var accept = asTable ? TableAccept : JsonAccept;
        var uri = "api/v1/namespaces/" + ns + "/pods";
        var (items, bytes) = await CountItemsAsync(factory, client, uri, accept, asTable, cancellationToken);

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var latency = new LatencyHistogram();
            var cpu = CpuMeter.Start(server);
            for (var i = 0; i < repeats; i++)
            {
                var start = Stopwatch.GetTimestamp();
                using var request = factory.Get(client, uri, accept, ClientFactory.Http2);
                using var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await EnsureSuccessAsync(response, cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                while (await body.ReadAsync(buffer, cancellationToken) > 0)
                {
                }

                latency.Record(Stopwatch.GetTimestamp() - start);
            }

            var (clientCpu, serverCpu) = cpu.Since(server);
            return new ListPhaseResult(asTable ? "table" : "json", accept, items, bytes, repeats, LatencySummary.From(latency), clientCpu, serverCpu);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<(long Items, long Bytes)> CountItemsAsync(
        ClientFactory factory, Kubernetes client, string uri, string accept, bool asTable, CancellationToken cancellationToken)
    {
        using var request = factory.Get(client, uri, accept, ClientFactory.Http2);
        using var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var expectedKind = asTable ? "Table" : "PodList";
        var kind = root.TryGetProperty("kind", out var k) ? k.GetString() : null;
        if (kind != expectedKind)
        {
            throw new ApiServerBenchException($"a LIST with Accept \"{accept}\" returned kind {kind ?? "(none)"}, not {expectedKind}");
        }

        var array = root.GetProperty(asTable ? "rows" : "items");
        return (array.GetArrayLength(), body.LongLength);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ApiServerBenchException($"LIST answered {(int)response.StatusCode} {response.StatusCode}: {text.ReplaceLineEndings(" ")}");
        }
    }
}
