using System.Text;

namespace SharpKube.Proxy.Iptables;

/// <summary>
/// Assembles the <c>iptables-restore --noflush</c> input of one sync. Both tables' top-level chains are declared
/// (so flushed) and rewritten whole every time; of the per-Service chains only the rewritten Services' are declared
/// and filled, and stale ones are declared (emptied) and deleted with <c>-X</c> in the same transaction — after
/// KUBE-SERVICES and KUBE-NODEPORTS, rewritten in it too, stopped referring to them. A table commits atomically,
/// so the kernel never holds a jump to a missing chain, nor half a sync.
/// </summary>
internal static class RestoreInput
{
    /// <summary>The restore input.</summary>
    /// <param name="all">Every Service port's rules, in the order they are written.</param>
    /// <param name="rewritten">Which of them get their own chains rewritten (all of them in a full sync).</param>
    /// <param name="staleChains">Per-Service chains to delete.</param>
    /// <param name="nodePortAddresses">Destinations whose traffic is checked for node ports, e.g. the node's addresses and 127.0.0.1.</param>
    /// <param name="sharedChains">
    /// Whether to rewrite the top-level chains. A partial sync whose changes left every line of them as it was (an
    /// endpoint replaced, say) leaves them out, and the filter table with them: the restore is then only the changed
    /// Services' own chains, which is what keeps it small on a node with thousands of Services.
    /// </param>
    public static string Write(IReadOnlyList<ServicePortRules> all, IReadOnlyList<ServicePortRules> rewritten,
        IReadOnlyCollection<string> staleChains, IReadOnlyList<string> nodePortAddresses, bool sharedChains = true)
    {
        var text = new StringBuilder(EstimateSize(all, rewritten));
        if (sharedChains)
        {
            WriteFilter(text, all);
        }
        WriteNat(text, all, rewritten, staleChains, nodePortAddresses, sharedChains);
        return text.ToString();
    }

    private static void WriteFilter(StringBuilder text, IReadOnlyList<ServicePortRules> all)
    {
        text.Append("*filter\n");
        foreach (var chain in BuiltinJumps.FilterChains)
        {
            text.Append(':').Append(chain).Append(" - [0:0]\n");
        }
        text.Append("-A KUBE-FIREWALL -m comment --comment \"block incoming localnet connections\" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP\n");
        text.Append("-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP\n");
        text.Append("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark 0x4000/0x4000 -j ACCEPT\n");
        text.Append("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n");
        foreach (var rules in all)
        {
            text.Append(rules.FilterServices).Append(rules.FilterExternalServices).Append(rules.FilterNodePorts);
        }
        text.Append("COMMIT\n");
    }

    private static void WriteNat(StringBuilder text, IReadOnlyList<ServicePortRules> all, IReadOnlyList<ServicePortRules> rewritten,
        IReadOnlyCollection<string> staleChains, IReadOnlyList<string> nodePortAddresses, bool sharedChains)
    {
        text.Append("*nat\n");
        if (sharedChains)
        {
            foreach (var chain in BuiltinJumps.NatChains)
            {
                text.Append(':').Append(chain).Append(" - [0:0]\n");
            }
        }
        foreach (var rules in rewritten)
        {
            foreach (var chain in rules.NatChains)
            {
                text.Append(':').Append(chain).Append(" - [0:0]\n");
            }
        }
        foreach (var chain in staleChains)
        {
            text.Append(':').Append(chain).Append(" - [0:0]\n");
        }
        if (sharedChains)
        {
            text.Append("-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN\n");
            text.Append("-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000\n");
            text.Append("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully\n");
            text.Append("-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000\n");
            foreach (var rules in all)
            {
                text.Append(rules.NatServices);
            }
            foreach (var address in nodePortAddresses)
            {
                text.Append("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -d ")
                    .Append(address).Append(" -j KUBE-NODEPORTS\n");
            }
            foreach (var rules in all)
            {
                text.Append(rules.NatNodePorts);
            }
        }
        foreach (var rules in rewritten)
        {
            text.Append(rules.NatChainRules);
        }
        foreach (var chain in staleChains)
        {
            text.Append("-X ").Append(chain).Append('\n');
        }
        text.Append("COMMIT\n");
    }

    private static int EstimateSize(IReadOnlyList<ServicePortRules> all, IReadOnlyList<ServicePortRules> rewritten)
    {
        long size = 4096;
        foreach (var rules in all)
        {
            size += rules.NatServices.Length + rules.NatNodePorts.Length + rules.FilterServices.Length + rules.FilterExternalServices.Length;
        }
        foreach (var rules in rewritten)
        {
            size += rules.NatChainRules.Length + (rules.NatChains.Count * 32);
        }
        return (int)Math.Min(size, int.MaxValue / 2);
    }
}
