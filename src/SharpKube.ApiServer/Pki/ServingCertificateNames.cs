using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace SharpKube.ApiServer.Pki;

/// <summary>The DNS names and IP addresses the API server's serving certificate must cover.</summary>
internal sealed class ServingCertificateNames
{
    private ServingCertificateNames(IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> addresses)
    {
        DnsNames = dnsNames;
        Addresses = addresses;
    }

    /// <summary>The DNS subject alternative names, lower case, without duplicates.</summary>
    public IReadOnlyList<string> DnsNames { get; }

    /// <summary>The IP subject alternative names, without duplicates.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>
    /// The names for this machine: localhost, the in-cluster names of the <c>kubernetes</c> service, the host name,
    /// loopback, the service ClusterIP, every non-loopback unicast address of the machine, and the extra SANs.
    /// </summary>
    public static ServingCertificateNames ForThisHost(PkiOptions options)
    {
        var dnsNames = new List<string>
        {
            "localhost",
            "kubernetes",
            "kubernetes.default",
            "kubernetes.default.svc",
            $"kubernetes.default.svc.{options.ClusterDomain.TrimEnd('.')}",
        };
        var hostName = Dns.GetHostName();
        if (!string.IsNullOrWhiteSpace(hostName))
        {
            dnsNames.Add(hostName);
        }

        var addresses = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback, options.ServiceClusterIp };
        addresses.AddRange(MachineAddresses());
        foreach (var extra in options.ExtraSans)
        {
            var name = extra.Trim();
            if (IPAddress.TryParse(name, out var address))
            {
                addresses.Add(address);
            }
            else if (name.Length > 0)
            {
                dnsNames.Add(name);
            }
        }

        return new ServingCertificateNames(
            [.. dnsNames.Select(n => n.ToLowerInvariant()).Distinct(StringComparer.Ordinal)],
            [.. addresses.Select(Normalize).Distinct()]);
    }

    /// <summary>True when the certificate's subject alternative names include every name and address here.</summary>
    public bool AreCoveredBy(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (extension is null)
        {
            return false;
        }

        var presentNames = extension.EnumerateDnsNames().Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var presentAddresses = extension.EnumerateIPAddresses().Select(Normalize).ToHashSet();
        return DnsNames.All(presentNames.Contains) && Addresses.All(presentAddresses.Contains);
    }

    private static IEnumerable<IPAddress> MachineAddresses()
    {
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            return [];
        }

        return interfaces
            .Where(i => i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            // Link-local IPv6 addresses only mean something together with an interface (scope); no client dials them.
            .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6);
    }

    // An address read back from a certificate has no scope id and IPv4 never arrives IPv6-mapped; compare like with like.
    private static IPAddress Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;
    }
}
