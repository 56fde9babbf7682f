namespace SharpKube.Proxy.Iptables;

/// <summary>
/// The rules in the built-in chains that lead into the proxy's chains. They live outside the chains a restore
/// rewrites, so they are checked against <c>iptables-save</c> and inserted where missing, and removed on cleanup.
/// </summary>
internal static class BuiltinJumps
{
    /// <summary>One jump: its table, built-in chain, and the rule's arguments (after <c>-A CHAIN</c>).</summary>
    internal sealed record Jump(string Table, string Chain, IReadOnlyList<string> Arguments)
    {
        /// <summary>The chain jumped to.</summary>
        public string Target => Arguments[^1];

        /// <summary>The rule's comment.</summary>
        public string Comment => Arguments[Arguments.Count - 3];

        /// <summary>Whether an <c>iptables-save</c> line of <see cref="Table"/> is this jump.</summary>
        public bool Matches(string line) =>
            line.StartsWith("-A " + Chain + " ", StringComparison.Ordinal) && line.EndsWith(" -j " + Target, StringComparison.Ordinal)
            && line.Contains(Comment, StringComparison.Ordinal);
    }

    /// <summary>Every jump, in upstream's places.</summary>
    public static IReadOnlyList<Jump> All { get; } =
    [
        new("filter", "INPUT", ["-m", "conntrack", "--ctstate", "NEW", "-m", "comment", "--comment", "kubernetes externally-visible service portals", "-j", "KUBE-EXTERNAL-SERVICES"]),
        new("filter", "INPUT", ["-m", "comment", "--comment", "kubernetes health check service ports", "-j", "KUBE-NODEPORTS"]),
        new("filter", "INPUT", ["-m", "comment", "--comment", "kubernetes firewall for localnet", "-j", "KUBE-FIREWALL"]),
        new("filter", "FORWARD", ["-m", "comment", "--comment", "kubernetes forwarding rules", "-j", "KUBE-FORWARD"]),
        new("filter", "FORWARD", ["-m", "conntrack", "--ctstate", "NEW", "-m", "comment", "--comment", "kubernetes service portals", "-j", "KUBE-SERVICES"]),
        new("filter", "FORWARD", ["-m", "conntrack", "--ctstate", "NEW", "-m", "comment", "--comment", "kubernetes externally-visible service portals", "-j", "KUBE-EXTERNAL-SERVICES"]),
        new("filter", "OUTPUT", ["-m", "conntrack", "--ctstate", "NEW", "-m", "comment", "--comment", "kubernetes service portals", "-j", "KUBE-SERVICES"]),
        new("filter", "OUTPUT", ["-m", "comment", "--comment", "kubernetes firewall for localnet", "-j", "KUBE-FIREWALL"]),
        new("nat", "PREROUTING", ["-m", "comment", "--comment", "kubernetes service portals", "-j", "KUBE-SERVICES"]),
        new("nat", "OUTPUT", ["-m", "comment", "--comment", "kubernetes service portals", "-j", "KUBE-SERVICES"]),
        new("nat", "POSTROUTING", ["-m", "comment", "--comment", "kubernetes postrouting rules", "-j", "KUBE-POSTROUTING"]),
    ];

    /// <summary>The proxy's top-level chains of each table, which every sync declares (and so flushes) and rewrites.</summary>
    public static IReadOnlyList<string> FilterChains { get; } =
        ["KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD", "KUBE-NODEPORTS", "KUBE-FIREWALL", "KUBE-PROXY-FIREWALL"];

    /// <summary>The proxy's top-level nat chains.</summary>
    public static IReadOnlyList<string> NatChains { get; } = ["KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ"];
}
