using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SharpKube.ApiServer.Pki;

/// <summary>
/// The cluster's certificates in <c>&lt;data-dir&gt;/pki</c>: the CA, the API server's serving certificate and the
/// client certificates of the built-in components. Created on first start; later starts reuse them and re-issue
/// (from the same CA) any leaf that expires within 30 days, no longer matches, or was not issued by the CA.
/// </summary>
public sealed class ClusterPki
{
    /// <summary>How long serving and client certificates are valid.</summary>
    public static readonly TimeSpan LeafValidity = TimeSpan.FromDays(365);

    /// <summary>A leaf that expires within this window is re-issued at load.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private const string CaName = "ca";
    private const string ServingName = "apiserver";

    private readonly PkiDirectory _directory;
    private readonly CertificateAuthority _authority;
    private readonly TimeProvider _time;
    private readonly Lock _issueLock = new();

    private ClusterPki(PkiDirectory directory, CertificateAuthority authority, TimeProvider time)
    {
        _directory = directory;
        _authority = authority;
        _time = time;
        CaCertificate = authority.Pair.Certificate;
        CaCertificatePem = authority.Pair.CertificatePem;
        ClientCertificates = new ClientCertificateVerifier(CaCertificate, time);
    }

    /// <summary>The absolute path of the PKI directory.</summary>
    public string Directory => _directory.FullPath;

    /// <summary>The cluster CA certificate (public part only).</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>The cluster CA certificate as PEM, as kubeconfigs and service account token secrets carry it.</summary>
    public string CaCertificatePem { get; }

    /// <summary>The API server's serving certificate with its private key, ready for Kestrel.</summary>
    public X509Certificate2 ServingCertificate { get; private set; } = null!;

    /// <summary>Verifies TLS client certificates against the cluster CA.</summary>
    public ClientCertificateVerifier ClientCertificates { get; }

    /// <summary>The cluster administrator: <c>CN=system:admin, O=system:masters</c>.</summary>
    public ClientCredentials Admin { get; private set; } = null!;

    /// <summary>The controller manager: <c>CN=system:kube-controller-manager</c>.</summary>
    public ClientCredentials ControllerManager { get; private set; } = null!;

    /// <summary>The scheduler: <c>CN=system:kube-scheduler</c>.</summary>
    public ClientCredentials Scheduler { get; private set; } = null!;

    /// <summary>The service proxy: <c>CN=system:kube-proxy</c> (bound to <c>system:node-proxier</c> upstream).</summary>
    public ClientCredentials KubeProxy { get; private set; } = null!;

    /// <summary>
    /// The API server's identity towards kubelets (logs, exec, port-forward):
    /// <c>CN=kube-apiserver-kubelet-client, O=system:masters</c>, kubeadm's naming.
    /// </summary>
    public ClientCredentials ApiServerKubeletClient { get; private set; } = null!;

    /// <summary>Loads the PKI from <paramref name="pkiDirectory"/>, creating or re-issuing what is missing or stale.</summary>
    /// <exception cref="PkiFileException">A file is unreadable or corrupt; the message names it.</exception>
    public static ClusterPki LoadOrCreate(string pkiDirectory, PkiOptions options, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(pkiDirectory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var directory = new PkiDirectory(pkiDirectory);
        var pki = new ClusterPki(directory, LoadOrCreateAuthority(directory, time), time);
        pki.ServingCertificate = pki.LoadOrIssueServing(ServingCertificateNames.ForThisHost(options));
        pki.Admin = pki.LoadOrIssueClient("client-admin", new CertificateSubject("system:admin", ["system:masters"]));
        pki.ControllerManager = pki.LoadOrIssueClient(
            "client-controller-manager", new CertificateSubject("system:kube-controller-manager", []));
        pki.Scheduler = pki.LoadOrIssueClient("client-scheduler", new CertificateSubject("system:kube-scheduler", []));
        pki.KubeProxy = pki.LoadOrIssueClient("client-kube-proxy", new CertificateSubject("system:kube-proxy", []));
        pki.ApiServerKubeletClient = pki.LoadOrIssueClient(
            "client-apiserver-kubelet", new CertificateSubject("kube-apiserver-kubelet-client", ["system:masters"]));
        return pki;
    }

    /// <summary>
    /// Returns a client certificate for <paramref name="commonName"/> with groups <paramref name="organizations"/>
    /// (nodes: <c>system:node:NAME</c> in <c>system:nodes</c>). It is kept in the PKI directory under a name derived
    /// from the common name (<c>issued-system_node_NAME.crt</c>) and reused while it still fits; safe to call concurrently.
    /// </summary>
    public ClientCredentials IssueClientCertificate(string commonName, IReadOnlyList<string> organizations)
    {
        var subject = new CertificateSubject(commonName, organizations);
        lock (_issueLock)
        {
            return LoadOrIssueClient(ClientFileName(commonName), subject);
        }
    }

    /// <summary>
    /// A serving certificate (with its key) for the kubelet of node <paramref name="nodeName"/> at <paramref name="addresses"/>,
    /// issued by the cluster CA, kept as <c>serving-kubelet-NAME</c> and reused while it still covers them.
    /// </summary>
    public X509Certificate2 IssueKubeletServingCertificate(string nodeName, IReadOnlyList<IPAddress> addresses)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        var name = "serving-kubelet-" + string.Concat(nodeName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        lock (_issueLock)
        {
            var pair = LoadUsable(name, CertificateAuthority.ServerAuthOid, c => addresses.All(a => Covers(c, a)) && Covers(c, nodeName));
            if (pair is null)
            {
                pair = _authority.IssueServing(nodeName, [nodeName], addresses, LeafValidity);
                _directory.Write(name, pair);
            }
            return pair.CreateCertificateWithKey();
        }
    }

    private static bool Covers(X509Certificate2 certificate, IPAddress address) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Any(e => e.EnumerateIPAddresses().Contains(address));

    private static bool Covers(X509Certificate2 certificate, string dnsName) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Any(e => e.EnumerateDnsNames().Contains(dnsName, StringComparer.OrdinalIgnoreCase));

    private static CertificateAuthority LoadOrCreateAuthority(PkiDirectory directory, TimeProvider time)
    {
        // ca.crt is written last: without it the CA never existed, and an orphaned ca.key is replaced.
        var certificate = directory.ReadCertificate(CaName);
        if (certificate is null)
        {
            var created = CertificateAuthority.CreateSelfSigned(time);
            directory.Write(CaName, created);
            return new CertificateAuthority(created, time);
        }

        var key = directory.ReadPrivateKey(CaName)
            ?? throw new PkiFileException(directory.KeyPath(CaName), "is missing while ca.crt exists");
        var (caCertificate, caPem) = certificate.Value;
        if (!CertificateKeyPair.KeyMatches(caCertificate, key.Key))
        {
            throw new PkiFileException(directory.KeyPath(CaName), "does not hold the private key of ca.crt");
        }

        if (caCertificate.NotAfter <= time.GetUtcNow())
        {
            throw new PkiFileException(directory.CertificatePath(CaName), $"holds a CA that expired on {caCertificate.NotAfter:u}");
        }

        return new CertificateAuthority(new CertificateKeyPair(caCertificate, key.Key, caPem, key.Pem), time);
    }

    private X509Certificate2 LoadOrIssueServing(ServingCertificateNames names)
    {
        var pair = LoadUsable(ServingName, CertificateAuthority.ServerAuthOid, names.AreCoveredBy);
        if (pair is null)
        {
            pair = _authority.IssueServing("kube-apiserver", names.DnsNames, names.Addresses, LeafValidity);
            _directory.Write(ServingName, pair);
        }

        return pair.CreateCertificateWithKey();
    }

    private ClientCredentials LoadOrIssueClient(string name, CertificateSubject subject)
    {
        var pair = LoadUsable(
            name,
            CertificateAuthority.ClientAuthOid,
            c => CertificateSubject.From(c.SubjectName) is { } found && found.SameIdentityAs(subject));
        if (pair is null)
        {
            pair = _authority.IssueClient(subject, LeafValidity);
            _directory.Write(name, pair);
        }

        return new ClientCredentials(subject, pair.CertificatePem, pair.KeyPem, pair.Certificate.NotAfter);
    }

    // A stored leaf is reused when its key matches, the CA issued it for this usage, it fits, and it is not about to expire.
    private CertificateKeyPair? LoadUsable(string name, string usageOid, Func<X509Certificate2, bool> fits)
    {
        var certificate = _directory.ReadCertificate(name);
        var key = _directory.ReadPrivateKey(name);
        if (certificate is null || key is null)
        {
            return null;
        }

        var (leaf, leafPem) = certificate.Value;
        var usable = CertificateKeyPair.KeyMatches(leaf, key.Value.Key)
            && _authority.HasIssued(leaf, usageOid)
            && leaf.NotAfter - _time.GetUtcNow() > RenewBefore
            && fits(leaf);
        if (!usable)
        {
            key.Value.Key.Dispose();
            return null;
        }

        return new CertificateKeyPair(leaf, key.Value.Key, leafPem, key.Value.Pem);
    }

    // "system:node:worker-1" → "issued-system_node_worker-1"; a name with other characters gets a hash suffix
    // so that two different users never share files. The prefix keeps them apart from the built-in "client-*".
    private static string ClientFileName(string commonName)
    {
        var safe = new StringBuilder("issued-");
        var exact = true;
        foreach (var c in commonName)
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')
            {
                safe.Append(c);
            }
            else
            {
                exact &= c == ':';
                safe.Append('_');
            }
        }

        if (!exact)
        {
            var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(commonName));
            safe.Append('-').Append(Convert.ToHexStringLower(hash.AsSpan(0, 4)));
        }

        return safe.ToString();
    }
}
