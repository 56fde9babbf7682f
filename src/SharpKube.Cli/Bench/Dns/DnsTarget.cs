namespace SharpKube.Cli.Bench.Dns;

/// <summary>A server process dnsperf loads: its CPU and memory, and the port it answers on.</summary>
/// <param name="Process">The process, measured over each pass.</param>
/// <param name="Port">Its UDP port on 127.0.0.1.</param>
internal sealed record DnsTarget(MeasuredProcess Process, int Port);
