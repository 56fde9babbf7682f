using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Nftables;

/// <summary>
/// The nftables mode of the service proxy (<c>--proxy-mode nftables</c>): one <c>ip</c> table whose maps send each
/// service address to a per-service chain, which picks an endpoint and DNATs to it. Every sync is one
/// <c>nft -f</c> transaction; an incremental sync rewrites only the changed services' chains and map elements.
/// </summary>
/// <remarks>
/// The backend remembers what each service port programmed after each successful sync. A failed transaction
/// changes nothing in the kernel but forgets that record, so the next sync is a full one that first lists the
/// table's chains and sets to delete whatever no service needs any more.
/// </remarks>
public sealed class NftablesBackend : IProxyBackend
{
    private readonly NftablesSettings _settings;
    private readonly ILogger _logger;
    private readonly NetfilterTool _tool;
    private readonly StaleUdpFlows _staleUdpFlows;
    private readonly string _table;
    private readonly ElementScript _elements;
    private Dictionary<ServicePortName, ServicePortProgram>? _programmed;
    private HashSet<IPAddress>? _clusterIps;
    private HashSet<IPAddress>? _nodeIps;
    private bool _localhostEnabled;

    /// <summary>Creates the backend; it touches nothing until the first sync.</summary>
    public NftablesBackend(NftablesSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        _settings = settings;
        _logger = logger;
        _tool = new NetfilterTool(settings.NetworkNamespace);
        _staleUdpFlows = new StaleUdpFlows(_tool, logger);
        _table = "ip " + settings.TableName;
        _elements = new ElementScript(_table);
    }

    /// <summary>How long the last successful <c>nft -f</c> took, and whether it was a full sync.</summary>
    public (TimeSpan Elapsed, bool Full) LastTransaction { get; private set; }

    /// <inheritdoc />
    public async Task SyncAsync(ProxyState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await EnableLocalhostNodePortsAsync(cancellationToken);

        var previous = _programmed;
        var full = state.ChangedServices is null || previous is null;
        var existing = full ? await ExistingAsync(previous, cancellationToken) : null;
        var addresses = AddressSets(state);
        var (script, next) = full
            ? BuildFull(state, addresses, existing!.Value.Chains, existing.Value.Sets)
            : BuildIncremental(state, addresses, previous!, state.ChangedServices!);

        var stopwatch = Stopwatch.StartNew();
        try
        {
            await _tool.ApplyAsync(script, cancellationToken);
        }
        catch
        {
            _programmed = null;
            throw;
        }

        LastTransaction = (stopwatch.Elapsed, full);
        _programmed = next;
        (_clusterIps, _nodeIps) = addresses;
        _logger.LogDebug("nftables {Kind} sync of {Ports} service ports applied in {Elapsed} ms",
            full ? "full" : "incremental", next.Count, stopwatch.Elapsed.TotalMilliseconds);

        if (previous is not null)
        {
            await _staleUdpFlows.DeleteAsync(previous, next, state.ChangedServices, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task CleanupAsync(CancellationToken cancellationToken)
    {
        _programmed = null;
        var result = await _tool.RunAsync("nft", ["delete", "table", "ip", _settings.TableName], null, cancellationToken);
        if (result.ExitCode != 0 && !result.Error.Contains("No such file or directory", StringComparison.Ordinal))
        {
            throw new NftablesException($"nft delete table {_table} exited with {result.ExitCode}: {result.Error.Trim()}");
        }
    }

    private async Task EnableLocalhostNodePortsAsync(CancellationToken cancellationToken)
    {
        if (!_settings.LocalhostNodePorts || _localhostEnabled)
        {
            return;
        }

        var result = await _tool.RunAsync("sysctl", ["-q", "-w", "net.ipv4.conf.all.route_localnet=1"], null, cancellationToken);
        if (result.ExitCode != 0)
        {
            _logger.LogWarning("Could not set route_localnet, node ports on 127.0.0.1 will not work: {Error}", result.Error.Trim());
        }

        _localhostEnabled = true;
    }

    /// <summary>The table's chains and sets: as recorded, or when nothing is recorded, as the kernel lists them.</summary>
    private async Task<(HashSet<string> Chains, Dictionary<string, int> Sets)?> ExistingAsync(
        Dictionary<ServicePortName, ServicePortProgram>? previous, CancellationToken cancellationToken)
    {
        var sets = new Dictionary<string, int>(StringComparer.Ordinal);
        if (previous is not null)
        {
            var chains = new HashSet<string>(StringComparer.Ordinal);
            foreach (var program in previous.Values)
            {
                chains.UnionWith(program.Chains);
                foreach (var (set, timeout) in program.AffinitySets)
                {
                    sets[set] = timeout;
                }
            }

            return (chains, sets);
        }

        var chainListing = await _tool.RunAsync("nft", ["list", "chains", "ip"], null, cancellationToken);
        var setListing = await _tool.RunAsync("nft", ["-t", "list", "sets", "ip"], null, cancellationToken);
        var listedChains = TableListing.Names(chainListing.Output, _settings.TableName, "chain");
        listedChains.ExceptWith(BaseRuleset.Chains);
        foreach (var set in TableListing.Names(setListing.Output, _settings.TableName, "set"))
        {
            if (!BaseRuleset.Sets.Contains(set))
            {
                sets[set] = -1; // timeout unknown: recreate
            }
        }

        return (listedChains, sets);
    }

    private (string Script, Dictionary<ServicePortName, ServicePortProgram> Programmed) BuildFull(
        ProxyState state, (HashSet<IPAddress>, HashSet<IPAddress>) addresses, HashSet<string> existingChains,
        Dictionary<string, int> existingSets)
    {
        var next = new Dictionary<ServicePortName, ServicePortProgram>(state.Services.Count);
        var chains = new StringBuilder(state.Services.Count * 1024);
        var script = new StringBuilder(state.Services.Count * 1200);
        foreach (var (name, info) in state.Services)
        {
            state.Endpoints.TryGetValue(name, out var endpoints);
            next[name] = ServicePortRuleWriter.Write(info, endpoints, _settings, chains);
        }

        // Flushing the table empties every chain (sets and maps keep their elements), so the stale chains and
        // sets deleted at the end have nothing left pointing at them; the whole script is one transaction, so
        // packets see the old rules until the new ones are complete.
        script.Append("add table ").Append(_table).Append(" { comment \"SharpKube service proxy\"; }\n")
            .Append("flush table ").Append(_table).Append('\n');
        var wantedSets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var program in next.Values)
        {
            foreach (var (set, timeout) in program.AffinitySets)
            {
                wantedSets[set] = timeout;
                if (existingSets.TryGetValue(set, out var old) && old != timeout)
                {
                    script.Append("delete set ").Append(_table).Append(' ').Append(set).Append('\n');
                }
            }
        }

        script.Append("table ").Append(_table).Append(" {\n");
        BaseRuleset.Write(script, _settings);
        ElementScript.AppendSetDeclarations(script, wantedSets);
        script.Append(chains).Append("}\n");

        foreach (var map in BaseRuleset.Maps)
        {
            script.Append("flush map ").Append(_table).Append(' ').Append(map).Append('\n');
        }

        _elements.AppendElements(script, "add", next.Values.SelectMany(program => program.Elements), keysOnly: false);
        AppendAddressSets(script, addresses, full: true);
        script.Append("flush set ").Append(_table).Append(" hairpin-endpoints\n");
        _elements.AppendHairpinEndpoints(script, next.Values);

        var wantedChains = new HashSet<string>(StringComparer.Ordinal);
        foreach (var program in next.Values)
        {
            wantedChains.UnionWith(program.Chains);
        }

        foreach (var chain in existingChains)
        {
            if (!wantedChains.Contains(chain))
            {
                script.Append("delete chain ").Append(_table).Append(' ').Append(chain).Append('\n');
            }
        }

        foreach (var set in existingSets.Keys)
        {
            if (!wantedSets.ContainsKey(set))
            {
                script.Append("delete set ").Append(_table).Append(' ').Append(set).Append('\n');
            }
        }

        return (script.ToString(), next);
    }

    private (string Script, Dictionary<ServicePortName, ServicePortProgram> Programmed) BuildIncremental(
        ProxyState state, (HashSet<IPAddress>, HashSet<IPAddress>) addresses, Dictionary<ServicePortName, ServicePortProgram> previous,
        IReadOnlySet<string> changed)
    {
        var next = new Dictionary<ServicePortName, ServicePortProgram>(previous);
        var removed = new List<ServicePortProgram>();
        foreach (var (name, program) in previous)
        {
            if (changed.Contains(name.ServiceKey))
            {
                removed.Add(program);
                next.Remove(name);
            }
        }

        var added = new List<ServicePortProgram>();
        var chains = new StringBuilder();
        foreach (var (name, info) in state.Services)
        {
            if (changed.Contains(name.ServiceKey))
            {
                state.Endpoints.TryGetValue(name, out var endpoints);
                var program = ServicePortRuleWriter.Write(info, endpoints, _settings, chains);
                added.Add(program);
                next[name] = program;
            }
        }

        var oldSets = new Dictionary<string, int>(StringComparer.Ordinal);
        var script = new StringBuilder(chains.Length + 4096);
        foreach (var program in removed)
        {
            foreach (var chain in program.Chains)
            {
                script.Append("flush chain ").Append(_table).Append(' ').Append(chain).Append('\n');
            }

            foreach (var (set, timeout) in program.AffinitySets)
            {
                oldSets[set] = timeout;
            }
        }

        // Elements that stay the same (an endpoint change keeps the service's chain names) are left alone.
        var oldElements = new HashSet<MapElement>(removed.SelectMany(program => program.Elements));
        var newElements = new HashSet<MapElement>(added.SelectMany(program => program.Elements));
        _elements.AppendElements(script, "delete", oldElements.Where(element => !newElements.Contains(element)), keysOnly: true);

        var newSets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var program in added)
        {
            foreach (var (set, timeout) in program.AffinitySets)
            {
                newSets[set] = timeout;
                if (oldSets.TryGetValue(set, out var old) && old != timeout)
                {
                    script.Append("delete set ").Append(_table).Append(' ').Append(set).Append('\n');
                }
            }
        }

        script.Append("table ").Append(_table).Append(" {\n");
        ElementScript.AppendSetDeclarations(script, newSets);
        script.Append(chains).Append("}\n");
        _elements.AppendElements(script, "add", newElements.Where(element => !oldElements.Contains(element)), keysOnly: false);

        var newChains = new HashSet<string>(StringComparer.Ordinal);
        foreach (var program in added)
        {
            newChains.UnionWith(program.Chains);
        }

        foreach (var program in removed)
        {
            foreach (var chain in program.Chains)
            {
                if (!newChains.Contains(chain))
                {
                    script.Append("delete chain ").Append(_table).Append(' ').Append(chain).Append('\n');
                }
            }
        }

        foreach (var set in oldSets.Keys)
        {
            if (!newSets.ContainsKey(set))
            {
                script.Append("delete set ").Append(_table).Append(' ').Append(set).Append('\n');
            }
        }

        AppendAddressSets(script, addresses, full: false);

        // Adding a pair that is there already is fine; pairs of gone endpoints stay until the next full sync, and do
        // no harm: a packet DNATed back to its own source needs masquerading whichever service did it.
        _elements.AppendHairpinEndpoints(script, added);
        return (script.ToString(), next);
    }

    /// <summary>The cluster IPs and node-port addresses <paramref name="state"/> asks for.</summary>
    private (HashSet<IPAddress> ClusterIps, HashSet<IPAddress> NodeIps) AddressSets(ProxyState state)
    {
        var clusterIps = new HashSet<IPAddress>();
        foreach (var info in state.Services.Values)
        {
            foreach (var address in info.ClusterIPs)
            {
                if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                {
                    clusterIps.Add(address);
                }
            }
        }

        var nodeIps = new HashSet<IPAddress>();
        foreach (var address in _settings.NodeAddresses.Concat(state.NodeAddresses))
        {
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
            {
                nodeIps.Add(address);
            }
        }

        if (_settings.LocalhostNodePorts)
        {
            nodeIps.Add(IPAddress.Loopback);
        }

        return (clusterIps, nodeIps);
    }

    /// <summary>Rewrites the address sets that differ from what the last sync wrote (all of them on a full sync).</summary>
    private void AppendAddressSets(StringBuilder script, (HashSet<IPAddress> ClusterIps, HashSet<IPAddress> NodeIps) sets, bool full)
    {
        if (full || _clusterIps is null || !_clusterIps.SetEquals(sets.ClusterIps))
        {
            script.Append("flush set ").Append(_table).Append(" cluster-ips\n");
            _elements.AppendSetElements(script, "cluster-ips", sets.ClusterIps);
        }

        if (full || _nodeIps is null || !_nodeIps.SetEquals(sets.NodeIps))
        {
            script.Append("flush set ").Append(_table).Append(" nodeport-ips\n");
            _elements.AppendSetElements(script, "nodeport-ips", sets.NodeIps);
        }
    }
}
