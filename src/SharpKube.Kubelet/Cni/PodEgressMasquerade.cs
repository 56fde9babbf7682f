using System.Diagnostics;
using System.Text;

namespace SharpKube.Kubelet.Cni;

/// <summary>
/// Source-NATs traffic from the node's pods to anything outside their pod CIDR (and not multicast), as the bridge
/// plugin's <c>ipMasq</c> would — but with one iptables chain per pod bridge, written once when the pod CIDR is known,
/// instead of a chain and a handful of iptables runs for every pod sandbox created and deleted. Those runs each
/// take the xtables lock and reload the nat table, which made up a large share of a sandbox's start time.
/// </summary>
/// <remarks>
/// The chain is <c>SK-POD-MASQ-&lt;bridge&gt;</c> in the nat table: RETURN for the pod CIDR and 224.0.0.0/4, then
/// MASQUERADE; POSTROUTING jumps to it for sources in the pod CIDR. It stays when the kubelet stops, because the pods
/// outlive it.
/// </remarks>
public static class PodEgressMasquerade
{
    private const string Iptables = "iptables";
    private const string IptablesRestore = "iptables-restore";

    /// <summary>The nat chain for pods on <paramref name="bridgeName"/> (at most 27 characters, under iptables' 28).</summary>
    public static string ChainName(string bridgeName) => "SK-POD-MASQ-" + bridgeName;

    /// <summary>Writes the chain for <paramref name="podCidr"/> and makes POSTROUTING jump to it once, replacing a jump for another CIDR.</summary>
    /// <exception cref="ArgumentException">The pod CIDR or bridge name is not usable.</exception>
    /// <exception cref="InvalidOperationException">iptables failed; the message has its stderr.</exception>
    public static async Task ApplyAsync(string podCidr, string bridgeName, CancellationToken cancellationToken)
    {
        var (network, prefix) = CniConfig.ParsePodCidr(podCidr);
        var cidr = $"{network}/{prefix}";
        CniConfig.ValidateBridgeName(bridgeName);
        var chain = ChainName(bridgeName);

        // With --noflush only the declared chain is flushed and rewritten; the rest of the nat table is left alone.
        var rules = new StringBuilder()
            .Append("*nat\n")
            .Append(':').Append(chain).Append(" - [0:0]\n")
            .Append("-A ").Append(chain).Append(" -d ").Append(cidr).Append(" -j RETURN\n")
            .Append("-A ").Append(chain).Append(" -d 224.0.0.0/4 -j RETURN\n")
            .Append("-A ").Append(chain).Append(" -j MASQUERADE\n")
            .Append("COMMIT\n")
            .ToString();
        await RunAsync(IptablesRestore, ["-w", "--noflush"], rules, cancellationToken);

        var wanted = JumpRule(cidr, bridgeName);
        var present = false;
        foreach (var jump in await JumpsAsync(chain, cancellationToken))
        {
            if (jump.SequenceEqual(wanted))
            {
                present = true;
            }
            else
            {
                await RunAsync(Iptables, ["-w", "-t", "nat", "-D", .. jump], null, cancellationToken);
            }
        }

        if (!present)
        {
            await RunAsync(Iptables, ["-w", "-t", "nat", "-A", .. wanted], null, cancellationToken);
        }
    }

    /// <summary>Removes the POSTROUTING jumps and the chain of <paramref name="bridgeName"/>; nothing to remove is fine.</summary>
    /// <exception cref="InvalidOperationException">iptables failed; the message has its stderr.</exception>
    public static async Task RemoveAsync(string bridgeName, CancellationToken cancellationToken)
    {
        var chain = ChainName(bridgeName);
        foreach (var jump in await JumpsAsync(chain, cancellationToken))
        {
            await RunAsync(Iptables, ["-w", "-t", "nat", "-D", .. jump], null, cancellationToken);
        }

        if ((await ListRulesAsync(cancellationToken)).Any(line => line == "-N " + chain))
        {
            await RunAsync(Iptables, ["-w", "-t", "nat", "-F", chain], null, cancellationToken);
            await RunAsync(Iptables, ["-w", "-t", "nat", "-X", chain], null, cancellationToken);
        }
    }

    /// <summary>The nat table's rules as <c>iptables -S</c> prints them.</summary>
    internal static async Task<IReadOnlyList<string>> ListRulesAsync(CancellationToken cancellationToken)
    {
        var output = await RunAsync(Iptables, ["-w", "-t", "nat", "-S"], null, cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static string[] JumpRule(string cidr, string bridgeName) =>
        ["POSTROUTING", "-s", cidr, "-m", "comment", "--comment", $"sharpkube: pods on {bridgeName} to outside their network", "-j", ChainName(bridgeName)];

    /// <summary>The POSTROUTING rules jumping to <paramref name="chain"/>, as argument lists that <c>-D</c> accepts.</summary>
    private static async Task<List<string[]>> JumpsAsync(string chain, CancellationToken cancellationToken)
    {
        var jumps = new List<string[]>();
        foreach (var line in await ListRulesAsync(cancellationToken))
        {
            if (line.StartsWith("-A POSTROUTING ", StringComparison.Ordinal) && line.EndsWith(" -j " + chain, StringComparison.Ordinal))
            {
                jumps.Add(SplitRule(line[3..]));
            }
        }

        return jumps;
    }

    /// <summary>Splits an <c>iptables -S</c> rule into arguments; only double-quoted comments contain spaces.</summary>
    private static string[] SplitRule(string rule)
    {
        var arguments = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in rule)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                arguments.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        arguments.Add(current.ToString());
        return [.. arguments.Where(a => a.Length > 0)];
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(standardInput ?? "");
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {(await error).Trim()}");
        }

        return await output;
    }
}
