using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SharpKube.Proxy.Model;
using SharpKube.Proxy.Node;

namespace SharpKube.Proxy.Iptables;

/// <summary>
/// The iptables backend: every sync is one <c>iptables-restore --noflush</c> of both tables (see
/// <see cref="RestoreInput"/>). A full sync writes every Service's chains and deletes per-Service chains the kernel
/// has that no Service needs; a partial one (<see cref="ProxyState.ChangedServices"/> set) rewrites only the changed
/// Services' chains, like upstream's MinimizeIPTablesRestore. After a failed restore the next sync is full, whatever
/// it is asked, since the kernel may not hold what this backend last wrote.
/// </summary>
public sealed class IptablesBackend : IProxyBackend
{
    private const string Restore = "iptables-restore";
    private const string Save = "iptables-save";
    private static readonly string[] RestoreArguments = ["-w", "5", "--noflush"];

    private readonly ServicePortRuleWriter _writer;
    private readonly NodeCommands _commands;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<ServicePortName, ServicePortRules> _applied = [];
    private bool _needFullSync = true;
    private string _nodePortAddresses = "";

    /// <summary>A backend for <paramref name="options"/> (cluster CIDR, network namespace).</summary>
    public IptablesBackend(ProxyOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _writer = new ServicePortRuleWriter(options.ClusterCidr);
        _commands = new NodeCommands(options.NetworkNamespace);
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The input of the last restore attempted (successful or not), for tests and benchmarks.</summary>
    public string? LastRestoreInput { get; private set; }

    /// <summary>Whether the last successful sync was a full one.</summary>
    public bool LastSyncWasFull { get; private set; }

    /// <summary>How long the last restore took (the kernel update alone, after the input was written).</summary>
    public TimeSpan LastRestoreDuration { get; private set; }

    /// <inheritdoc/>
    public async Task SyncAsync(ProxyState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SyncLockedAsync(state, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SyncLockedAsync(ProxyState state, CancellationToken cancellationToken)
    {
        var full = _needFullSync || state.ChangedServices is null;
        var changed = state.ChangedServices;
        IptablesSave? saved = full ? IptablesSave.Parse(await _commands.RunCheckedAsync(Save, [], null, cancellationToken).ConfigureAwait(false)) : null;

        var next = new Dictionary<ServicePortName, ServicePortRules>(state.Services.Count);
        var ordered = new List<ServicePortRules>(state.Services.Count);
        var rewritten = new List<ServicePortRules>();
        foreach (var (name, service) in state.Services.OrderBy(s => s.Key.ToString(), StringComparer.Ordinal))
        {
            if (!IsProgrammable(service))
            {
                continue;
            }
            ServicePortRules rules;
            if (!full && !changed!.Contains(name.ServiceKey) && _applied.TryGetValue(name, out var previous))
            {
                rules = previous;
            }
            else
            {
                rules = _writer.Write(service, state.Endpoints.GetValueOrDefault(name));
                rewritten.Add(rules);
            }
            next.Add(name, rules);
            ordered.Add(rules);
        }

        var stale = full ? StaleChainsInKernel(saved!, next) : StaleChainsOfChangedServices(next);
        var nodePortAddresses = state.NodeAddresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Select(a => a.ToString()).Append("127.0.0.1").Distinct().ToList();
        var addressesKey = string.Join(',', nodePortAddresses);
        var shared = full || addressesKey != _nodePortAddresses || SharedLinesChanged(next);
        var input = RestoreInput.Write(ordered, rewritten, stale, nodePortAddresses, shared);
        LastRestoreInput = input;

        var stopwatch = Stopwatch.StartNew();
        try
        {
            await _commands.RunCheckedAsync(Restore, RestoreArguments, input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NodeCommandException or OperationCanceledException)
        {
            // The restore failed as a whole (or may have been cut short): the kernel keeps what it had, which may not be _applied.
            _needFullSync = true;
            throw;
        }
        LastRestoreDuration = stopwatch.Elapsed;
        _applied = next;
        _nodePortAddresses = addressesKey;
        _needFullSync = false;
        LastSyncWasFull = full;
        if (full)
        {
            await EnsureJumpsAsync(saved!, cancellationToken).ConfigureAwait(false);
        }
        _logger.LogDebug("iptables sync ({Kind}): {Services} service ports, {Rewritten} rewritten, {Stale} stale chains deleted, restore took {Milliseconds} ms",
            full ? "full" : "partial", ordered.Count, rewritten.Count, stale.Count, LastRestoreDuration.TotalMilliseconds);
    }

    /// <summary>Ports outside 1-65535 cannot be written; the API server refuses them, but a rule must never fail a whole sync.</summary>
    private bool IsProgrammable(ServicePortInfo service)
    {
        if (service.Port is < 1 or > 65535 || service.NodePort is < 0 or > 65535 || service.HealthCheckNodePort is < 0 or > 65535)
        {
            _logger.LogWarning("Skipping service port {Service}: port {Port}, node port {NodePort} out of range", service.Name, service.Port, service.NodePort);
            return false;
        }
        return true;
    }

    /// <summary>Whether a Service port came, went, or changed its lines in the top-level chains since the last sync.</summary>
    private bool SharedLinesChanged(Dictionary<ServicePortName, ServicePortRules> next)
    {
        if (next.Count != _applied.Count)
        {
            return true;
        }
        foreach (var (name, rules) in next)
        {
            if (!_applied.TryGetValue(name, out var previous) || (!ReferenceEquals(rules, previous) && !rules.SameSharedLines(previous)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Per-Service chains in the kernel's nat table that no Service port of <paramref name="next"/> uses.</summary>
    private static List<string> StaleChainsInKernel(IptablesSave saved, Dictionary<ServicePortName, ServicePortRules> next)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rules in next.Values)
        {
            wanted.UnionWith(rules.NatChains);
        }
        return saved.Chains("nat").Where(c => ChainNames.IsServiceChain(c) && !wanted.Contains(c)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Chains the last sync wrote for Service ports now rewritten or gone, that their new rules no longer use.</summary>
    private List<string> StaleChainsOfChangedServices(Dictionary<ServicePortName, ServicePortRules> next)
    {
        var stale = new List<string>();
        foreach (var (name, previous) in _applied)
        {
            if (next.TryGetValue(name, out var current) && ReferenceEquals(current, previous))
            {
                continue;
            }
            var kept = current is null ? [] : new HashSet<string>(current.NatChains, StringComparer.Ordinal);
            stale.AddRange(previous.NatChains.Where(c => !kept.Contains(c)));
        }
        return stale;
    }

    /// <summary>Inserts, at the top of each built-in chain, the jumps <paramref name="saved"/> lacks.</summary>
    private async Task EnsureJumpsAsync(IptablesSave saved, CancellationToken cancellationToken)
    {
        foreach (var jump in BuiltinJumps.All.Reverse())
        {
            if (!saved.Rules(jump.Table).Any(jump.Matches))
            {
                await _commands.RunCheckedAsync("iptables", ["-w", "5", "-t", jump.Table, "-I", jump.Chain, "1", .. jump.Arguments], null, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public async Task CleanupAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var saved = IptablesSave.Parse(await _commands.RunCheckedAsync(Save, [], null, cancellationToken).ConfigureAwait(false));
            foreach (var jump in BuiltinJumps.All)
            {
                foreach (var line in saved.Rules(jump.Table).Where(jump.Matches))
                {
                    await _commands.RunCheckedAsync("iptables", ["-w", "5", "-t", jump.Table, "-D", jump.Chain, .. jump.Arguments], null, cancellationToken)
                        .ConfigureAwait(false);
                }
            }
            // Every KUBE- chain is flushed first, then deleted, so references between them never block a deletion.
            var input = new System.Text.StringBuilder();
            foreach (var table in new[] { "filter", "nat" })
            {
                var chains = saved.Chains(table).Where(c => c.StartsWith("KUBE-", StringComparison.Ordinal)).ToList();
                if (chains.Count == 0)
                {
                    continue;
                }
                input.Append('*').Append(table).Append('\n');
                foreach (var chain in chains)
                {
                    input.Append(':').Append(chain).Append(" - [0:0]\n");
                }
                foreach (var chain in chains)
                {
                    input.Append("-X ").Append(chain).Append('\n');
                }
                input.Append("COMMIT\n");
            }
            if (input.Length > 0)
            {
                await _commands.RunCheckedAsync(Restore, RestoreArguments, input.ToString(), cancellationToken).ConfigureAwait(false);
            }
            _applied = [];
            _needFullSync = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
