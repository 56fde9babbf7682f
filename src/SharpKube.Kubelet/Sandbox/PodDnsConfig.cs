using k8s.Models;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Sandbox;

/// <summary>
/// A pod's resolver configuration for <c>PodSandboxConfig.dns_config</c>, built as upstream does from its dnsPolicy:
/// ClusterFirst (and ClusterFirstWithHostNet) use the cluster DNS servers with the cluster searches before the host's and
/// <c>ndots:5</c>; Default (and ClusterFirst on the host network) use the host's resolv.conf; None starts empty. The
/// pod's <c>spec.dnsConfig</c> is merged in, then the result is cut to the resolver's limits.
/// </summary>
/// <remarks>
/// Deliberate differences: merged options keep a stable order (upstream's comes from a Go map), and an unset dnsPolicy
/// is ClusterFirst, the API default, without upstream's error log.
/// </remarks>
public sealed class PodDnsConfig
{
    /// <summary>The most nameservers a resolv.conf may carry (glibc's MAXNS).</summary>
    public const int MaxNameservers = 3;

    /// <summary>The most search domains the kubelet passes on.</summary>
    public const int MaxSearchPaths = 32;

    /// <summary>The longest search line, in characters, the kubelet passes on.</summary>
    public const int MaxSearchListChars = 2048;

    /// <summary>The longest single search domain; longer ones make some resolvers abort, so they are dropped.</summary>
    private const int MaxSearchDomainLength = 253;

    private PodDnsConfig(DNSConfig config, IReadOnlyList<string> warnings)
    {
        Config = config;
        Warnings = warnings;
    }

    /// <summary>The resolver configuration for the sandbox.</summary>
    public DNSConfig Config { get; }

    /// <summary>
    /// Upstream's warning texts for what had to be changed: nameservers or searches over the limits (event reason
    /// <c>DNSConfigForming</c>), or a ClusterFirst pod on a kubelet without cluster DNS (reason <c>MissingClusterDNS</c>).
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The pod's DNS config, reading the host resolv.conf from <see cref="PodConfigSettings.ResolvConfPath"/>.</summary>
    public static async Task<PodDnsConfig> BuildAsync(V1Pod pod, PodConfigSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var host = ResolvConf.Empty;
        if (settings.ResolvConfPath.Length > 0)
        {
            try
            {
                host = await ResolvConf.ReadAsync(settings.ResolvConfPath, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new SandboxConfigException($"open {settings.ResolvConfPath}: {e.Message}", e);
            }
        }
        return Build(pod, settings, host);
    }

    /// <summary>The pod's DNS config given the host's parsed resolv.conf.</summary>
    public static PodDnsConfig Build(V1Pod pod, PodConfigSettings settings, ResolvConf host)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(host);
        var warnings = new List<string>();
        List<string> servers = [.. host.Nameservers];
        List<string> searches = [.. host.Searches];
        List<string> options = [.. host.Options];
        var policy = pod.Spec?.DnsPolicy;
        var hostNetwork = pod.Spec?.HostNetwork == true;
        var useCluster = policy switch
        {
            "None" => (bool?)null,
            "Default" => false,
            "ClusterFirstWithHostNet" => true,
            "ClusterFirst" or null or "" => !hostNetwork,
            // An unknown policy falls back to ClusterFirst, as upstream (the API server rejects them anyway).
            _ => true,
        };
        if (useCluster is null)
        {
            servers = [];
            searches = [];
            options = [];
        }
        else if (useCluster == true && settings.ClusterDnsIPs.Count > 0)
        {
            // The cluster DNS server is the only nameserver: it forwards what is not in the cluster.
            servers = [.. settings.ClusterDnsIPs];
            searches = ClusterSearches(pod, settings.ClusterDomain, searches);
            options = ["ndots:5"];
        }
        else
        {
            if (useCluster == true)
            {
                warnings.Add("kubelet does not have ClusterDNS IP configured and cannot create Pod using \"ClusterFirst\" policy. Falling back to \"Default\" policy.");
            }
            if (settings.ResolvConfPath.Length == 0)
            {
                // No host resolver configuration: resolve through the local machine, as the resolver does without nameservers.
                servers.Add("127.0.0.1");
                searches = ["."];
            }
        }
        if (pod.Spec?.DnsConfig is { } extra)
        {
            servers = [.. servers.Concat(extra.Nameservers ?? []).Distinct(StringComparer.Ordinal)];
            searches = [.. searches.Concat(extra.Searches ?? []).Distinct(StringComparer.Ordinal)];
            options = ResolvConf.MergeOptions(options, (extra.Options ?? []).Select(o => string.IsNullOrEmpty(o.Value) ? o.Name : $"{o.Name}:{o.Value}"));
        }
        if (servers.Count > MaxNameservers)
        {
            servers = servers.Take(MaxNameservers).ToList();
            warnings.Add($"Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: {string.Join(' ', servers)}");
        }
        searches = FitSearches(searches, warnings);
        var config = new DNSConfig();
        config.Servers.AddRange(servers);
        config.Searches.AddRange(searches);
        config.Options.AddRange(options);
        return new PodDnsConfig(config, warnings);
    }

    /// <summary>The cluster searches, most specific first, then the host's, without repeats.</summary>
    private static List<string> ClusterSearches(V1Pod pod, string clusterDomain, List<string> hostSearches)
    {
        if (clusterDomain.Length == 0)
        {
            return hostSearches;
        }
        var ns = pod.Metadata?.NamespaceProperty ?? "default";
        string[] cluster = [$"{ns}.svc.{clusterDomain}", $"svc.{clusterDomain}", clusterDomain];
        return [.. cluster.Concat(hostSearches).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Upstream's trimming: at most 32 domains, none longer than 253, the line at most 2048 characters (dropping from the end).</summary>
    private static List<string> FitSearches(List<string> searches, List<string> warnings)
    {
        var exceeded = false;
        if (searches.Count > MaxSearchPaths)
        {
            searches = searches.Take(MaxSearchPaths).ToList();
            exceeded = true;
        }
        if (searches.RemoveAll(s => s.Length > MaxSearchDomainLength) > 0)
        {
            exceeded = true;
        }
        var lineLength = searches.Count == 0 ? 0 : searches.Sum(s => s.Length) + searches.Count - 1;
        if (lineLength > MaxSearchListChars)
        {
            while (searches.Count > 0 && lineLength > MaxSearchListChars)
            {
                lineLength -= searches[^1].Length + 1;
                searches.RemoveAt(searches.Count - 1);
            }
            exceeded = true;
        }
        if (exceeded)
        {
            warnings.Add($"Search Line limits were exceeded, some search paths have been omitted, the applied search line is: {string.Join(' ', searches)}");
        }
        return searches;
    }
}
