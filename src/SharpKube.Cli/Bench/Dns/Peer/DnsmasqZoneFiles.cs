using System.Text;
using SharpKube.Cli.Bench.Dns.Workload;

namespace SharpKube.Cli.Bench.Dns.Peer;

/// <summary>
/// The same zone for dnsmasq: a hosts file (<c>--addn-hosts</c>) with one line per Service, <c>ADDRESS NAME</c>, and a
/// configuration file (<c>--conf-file</c>) with a <c>srv-host</c> line per ClusterIP Service's named port, pointing at
/// the Service's name and port as the cluster DNS answers it.
/// </summary>
internal static class DnsmasqZoneFiles
{
    /// <summary>The port the SRV records carry: the Services' port.</summary>
    public const int ServicePort = 80;

    /// <summary>Writes the hosts file of <paramref name="zone"/>.</summary>
    public static void WriteHosts(string path, IEnumerable<ZoneEntry> zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.NewLine = "\n";
        foreach (var entry in zone)
        {
            writer.WriteLine($"{entry.Address} {entry.Name}");
        }
    }

    /// <summary>Writes the SRV records of <paramref name="zone"/>'s ClusterIP Services as dnsmasq configuration.</summary>
    public static void WriteSrvConfiguration(string path, IEnumerable<ZoneEntry> zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.NewLine = "\n";
        foreach (var entry in zone.Where(e => !e.Headless))
        {
            // srv-host=<name>,<target>,<port>,<priority>,<weight>: the cluster DNS answers priority 0, weight 100 per target.
            writer.WriteLine($"srv-host={entry.SrvName},{entry.Name},{ServicePort},0,100");
        }
    }
}
