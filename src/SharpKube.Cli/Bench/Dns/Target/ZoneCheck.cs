using System.Diagnostics;
using SharpKube.Cli.Bench.Dns.Workload;

namespace SharpKube.Cli.Bench.Dns.Target;

/// <summary>
/// Waits until a server answers some of the zone's names with the addresses the benchmark wrote, so that dnsperf
/// measures a server that serves the whole zone (an empty or half-synced zone answers faster, and wrongly).
/// </summary>
internal static class ZoneCheck
{
    private static readonly TimeSpan _queryTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan _retryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Returns once <paramref name="server"/> on <paramref name="port"/> answers every one of <paramref name="entries"/>
    /// with its address; throws when <paramref name="failure"/> reports the server gone or <paramref name="timeout"/> passes.
    /// </summary>
    public static async Task WaitAsync(
        string server, int port, IReadOnlyList<ZoneEntry> entries, TimeSpan timeout, Func<string?> failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(failure);
        var start = Stopwatch.GetTimestamp();
        var pending = new Queue<ZoneEntry>(entries);
        var last = "no answer";
        while (pending.TryPeek(out var entry))
        {
            if (failure() is { } gone)
            {
                throw new DnsBenchException($"{server} stopped before it answered the zone: {gone}");
            }

            var answer = await DnsProbe.QueryAsync(port, entry.Name, _queryTimeout, cancellationToken);
            if (answer is { ResponseCode: 0, Addresses: [var address] } && address == entry.Address)
            {
                pending.Dequeue();
                continue;
            }

            last = answer is null ? "no answer" : $"rcode {answer.ResponseCode}, A [{string.Join(", ", answer.Addresses)}]";
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new DnsBenchException(
                    $"{server} did not answer {entry.Name} A with {entry.Address} within {timeout.TotalSeconds:0} s (last: {last})");
            }

            await Task.Delay(_retryDelay, cancellationToken);
        }
    }

    /// <summary>The entries a check asks for: the first and last Service, a headless one, and a few between.</summary>
    public static IReadOnlyList<ZoneEntry> Probes(IReadOnlyList<ZoneEntry> zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var probes = QueryFiles.Sample(zone, 8).ToList();
        probes.Add(zone[^1]);
        if (zone.FirstOrDefault(e => e.Headless) is { } headless)
        {
            probes.Add(headless);
        }

        return probes.Distinct().ToArray();
    }
}
