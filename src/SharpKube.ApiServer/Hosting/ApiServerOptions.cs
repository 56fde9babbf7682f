using System.Net;
using SharpKube.ApiServer.Http;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Hosting;

/// <summary>How to run the API server (the <c>sharpkube apiserver</c>/<c>server</c> flags).</summary>
public sealed record ApiServerOptions
{
    /// <summary>State directory: the datastore, the PKI and the admin kubeconfig live here.</summary>
    public string DataDir { get; init; } = "/var/lib/sharpkube";

    /// <summary>Address to listen on.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>HTTPS port; 0 picks a free one (tests).</summary>
    public int HttpsPort { get; init; } = 6443;

    /// <summary>Datastore driver.</summary>
    public DatastoreDriver Datastore { get; init; } = DatastoreDriver.Sqlite;

    /// <summary>etcd endpoints for the etcd driver.</summary>
    public IReadOnlyList<string> EtcdEndpoints { get; init; } = [];

    /// <summary>Key prefix inside etcd.</summary>
    public string? EtcdKeyPrefix { get; init; }

    /// <summary>Service ClusterIP range; its first address is the <c>kubernetes</c> service's.</summary>
    public string ServiceCidr { get; init; } = "10.43.0.0/16";

    /// <summary>Cluster DNS domain.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>
    /// The <c>iss</c> of service account tokens (upstream's <c>--service-account-issuer</c>); null means
    /// <c>https://kubernetes.default.svc.</c> followed by <see cref="ClusterDomain"/>.
    /// </summary>
    public string? ServiceAccountIssuer { get; init; }

    /// <summary>The audiences the API server accepts tokens for (upstream's <c>--api-audiences</c>); empty means the issuer.</summary>
    public IReadOnlyList<string> ApiAudiences { get; init; } = [];

    /// <summary>Extra path the admin kubeconfig is written to.</summary>
    public string? WriteKubeconfig { get; init; }

    /// <summary>A static bearer token that authenticates as an administrator.</summary>
    public string? Token { get; init; }

    /// <summary>A token file in upstream's <c>--token-auth-file</c> CSV format.</summary>
    public string? TokenAuthFile { get; init; }

    /// <summary>
    /// Whether the API server empties and finalizes deleted namespaces itself (a stopgap for the namespace
    /// controller). <c>sharpkube server</c> turns it off when it runs the controller manager, whose namespace
    /// controller does this job; <c>sharpkube apiserver</c> alone keeps it on.
    /// </summary>
    public bool FinalizeNamespaces { get; init; } = true;

    /// <summary>
    /// The <c>tolerationSeconds</c> of the <c>node.kubernetes.io/not-ready:NoExecute</c> toleration the
    /// DefaultTolerationSeconds admission plugin adds to pods without one (upstream's
    /// <c>--default-not-ready-toleration-seconds</c>, 300).
    /// </summary>
    public long DefaultNotReadyTolerationSeconds { get; init; } = Admission.DefaultTolerationSeconds.DefaultSeconds;

    /// <summary>
    /// The <c>tolerationSeconds</c> of the <c>node.kubernetes.io/unreachable:NoExecute</c> toleration the
    /// DefaultTolerationSeconds admission plugin adds to pods without one (upstream's
    /// <c>--default-unreachable-toleration-seconds</c>, 300).
    /// </summary>
    public long DefaultUnreachableTolerationSeconds { get; init; } = Admission.DefaultTolerationSeconds.DefaultSeconds;

    /// <summary>Request-handling tunables.</summary>
    public ApiServerSettings Settings { get; init; } = new();

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
