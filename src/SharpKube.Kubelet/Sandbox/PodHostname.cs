using System.Text.RegularExpressions;
using k8s.Models;

namespace SharpKube.Kubelet.Sandbox;

/// <summary>
/// A pod's hostname and domain as upstream derives them: <c>spec.hostname</c> or else the pod's name, cut to 63
/// characters without a trailing '-' or '.'; the domain <c>&lt;subdomain&gt;.&lt;namespace&gt;.svc.&lt;cluster domain&gt;</c>
/// when <c>spec.subdomain</c> is set.
/// </summary>
/// <remarks>Deliberate difference: <c>spec.hostnameOverride</c> (an alpha feature) is not honoured.</remarks>
public sealed partial record PodHostname(string Hostname, string Domain)
{
    /// <summary>The longest hostname the kernel keeps (64 bytes with the terminating NUL).</summary>
    public const int MaxHostnameLength = 63;

    /// <summary>The longest FQDN that fits the kernel's nodename field.</summary>
    public const int MaxFqdnLength = 64;

    /// <summary>The hostname and domain of <paramref name="pod"/> in a cluster whose domain is <paramref name="clusterDomain"/>.</summary>
    public static PodHostname For(V1Pod pod, string clusterDomain)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var name = pod.Metadata?.Name ?? "";
        var hostname = name;
        if (pod.Spec?.Hostname is { Length: > 0 } requested)
        {
            if (!IsDns1123Label(requested))
            {
                throw new SandboxConfigException($"pod Hostname \"{requested}\" is not a valid DNS label");
            }
            hostname = requested;
        }
        if (hostname.Length > MaxHostnameLength)
        {
            var truncated = hostname[..MaxHostnameLength].TrimEnd('-', '.');
            if (truncated.Length == 0)
            {
                throw new SandboxConfigException($"hostname for pod \"{name}\" was invalid: \"{hostname}\"");
            }
            hostname = truncated;
        }
        var domain = "";
        if (pod.Spec?.Subdomain is { Length: > 0 } subdomain)
        {
            if (!IsDns1123Label(subdomain))
            {
                throw new SandboxConfigException($"pod Subdomain \"{subdomain}\" is not a valid DNS label");
            }
            domain = $"{subdomain}.{pod.Metadata?.NamespaceProperty}.svc.{clusterDomain}";
        }
        return new PodHostname(hostname, domain);
    }

    /// <summary>
    /// The name the sandbox's UTS namespace gets: the hostname, or the FQDN when the pod sets
    /// <c>setHostnameAsFQDN</c> and has a domain. Throws when that FQDN is longer than 64 characters, as upstream.
    /// </summary>
    public string KernelHostname(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (Domain.Length == 0 || pod.Spec?.SetHostnameAsFQDN != true)
        {
            return Hostname;
        }
        var fqdn = $"{Hostname}.{Domain}";
        if (fqdn.Length > MaxFqdnLength)
        {
            throw new SandboxConfigException(
                $"failed to construct FQDN from pod hostname and cluster domain, FQDN {fqdn} is too long ({MaxFqdnLength} characters is the max, {fqdn.Length} characters requested)");
        }
        return fqdn;
    }

    private static bool IsDns1123Label(string value) => value.Length <= 63 && Dns1123Label().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();
}
