using System.Globalization;
using System.Text.RegularExpressions;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// Checks <see cref="HollowNodeOptions"/> before a fleet starts, with messages naming the <c>sharpkube hollow-nodes</c>
/// flag of each setting, so the command line and library callers report the same thing.
/// </summary>
public static partial class HollowNodeOptionsValidator
{
    /// <summary>The longest label value, which bounds node names (they are the <c>kubernetes.io/hostname</c> label).</summary>
    private const int MaxNameLength = 63;

    /// <summary>Every problem with <paramref name="options"/>; empty when they are usable.</summary>
    public static IReadOnlyList<string> Problems(HollowNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Count < 1)
        {
            problems.Add(Invariant($"--count: {options.Count} must be at least 1"));
        }
        var longest = options.NodeName(Math.Max(0, options.Count - 1));
        if (!NamePrefixPattern().IsMatch(options.NamePrefix) || longest.Length > MaxNameLength)
        {
            problems.Add($"--name-prefix: \"{options.NamePrefix}\" does not make valid node names (lowercase letters, digits, '-' and '.', "
                + $"starting with a letter or digit, at most {MaxNameLength} characters with the index, e.g. \"{longest}\")");
        }
        CheckQuantity("--cpu", options.Cpu, problems);
        CheckQuantity("--memory", options.Memory, problems);
        CheckQuantity("--ephemeral-storage", options.EphemeralStorage, problems);
        if (options.Pods < 1)
        {
            problems.Add(Invariant($"--pods: {options.Pods} must be at least 1"));
        }
        if (options.Zones is < 1 or > 26)
        {
            problems.Add(Invariant($"--zones: {options.Zones} must be between 1 and 26"));
        }
        if (Ipv4Cidr.TryParse(options.PodCidr) is not { PrefixLength: <= FallbackPodCidrs.NodePrefixLength })
        {
            problems.Add($"--pod-cidr: \"{options.PodCidr}\" is not an IPv4 network of prefix length /{FallbackPodCidrs.NodePrefixLength} or shorter, e.g. 10.244.0.0/16");
        }
        if (Ipv4Cidr.TryParse(options.NodeIpRange) is not { PrefixLength: <= 30 })
        {
            problems.Add($"--node-ip-range: \"{options.NodeIpRange}\" is not an IPv4 network of prefix length /30 or shorter");
        }
        CheckPositive(nameof(options.LeaseDuration), options.LeaseDuration, problems);
        CheckPositive(nameof(options.LeaseRenewInterval), options.LeaseRenewInterval, problems);
        CheckPositive(nameof(options.NodeStatusReportFrequency), options.NodeStatusReportFrequency, problems);
        if (options.RegistrationParallelism < 1 || options.LeaseWorkers < 1 || options.PodWorkers < 1)
        {
            problems.Add("the registration parallelism and the worker counts must be at least 1");
        }
        return problems;
    }

    /// <summary>Throws when <paramref name="options"/> are not usable.</summary>
    /// <exception cref="FormatException">One line per problem.</exception>
    public static void EnsureValid(HollowNodeOptions options)
    {
        var problems = Problems(options);
        if (problems.Count > 0)
        {
            throw new FormatException(string.Join("; ", problems));
        }
    }

    private static void CheckQuantity(string flag, string? value, List<string> problems)
    {
        var match = QuantityPattern().Match(value ?? "");
        if (!match.Success)
        {
            problems.Add($"{flag}: \"{value}\" is not a quantity, e.g. 32, 500m, 256Gi");
        }
        else if (!match.Groups["number"].Value.Any(c => c is >= '1' and <= '9'))
        {
            problems.Add($"{flag}: \"{value}\" must be more than zero");
        }
    }

    private static void CheckPositive(string setting, TimeSpan value, List<string> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(Invariant($"{setting}: {value} must be positive"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // A Kubernetes quantity without sign: digits with an optional fraction, then a binary, decimal or exponent suffix.
    [GeneratedRegex(@"^(?<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][-+]?[0-9]+)?$")]
    private static partial Regex QuantityPattern();

    // The start of an RFC 1123 subdomain: an index (digits) always follows, so a trailing '-' or '.' is fine.
    [GeneratedRegex(@"^[a-z0-9][-a-z0-9.]*$")]
    private static partial Regex NamePrefixPattern();
}
