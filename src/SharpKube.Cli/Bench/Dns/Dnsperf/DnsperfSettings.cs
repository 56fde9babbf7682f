namespace SharpKube.Cli.Bench.Dns.Dnsperf;

/// <summary>How dnsperf loads a server: the same for every server of a run.</summary>
/// <param name="Binary">The dnsperf binary.</param>
/// <param name="Duration">How long each pass runs (<c>-l</c>).</param>
/// <param name="Clients">The UDP sockets it sends from (<c>-c</c>).</param>
/// <param name="Threads">Its threads (<c>-T</c>).</param>
/// <param name="Outstanding">Queries in flight at once (<c>-q</c>).</param>
internal sealed record DnsperfSettings(string Binary, TimeSpan Duration, int Clients, int Threads, int Outstanding);
