using SharpKube.ApiServer.Pki;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Hosting;

/// <summary>A started API server: where it listens, how to reach it as admin, and how to stop it.</summary>
public sealed class RunningApiServer : IAsyncDisposable
{
    private readonly Func<ValueTask> _stop;

    internal RunningApiServer(Uri url, string adminKubeconfigPath, ClusterPki pki, IKeyValueStore datastore, Func<ValueTask> stop)
    {
        Datastore = datastore;
        Url = url;
        AdminKubeconfigPath = adminKubeconfigPath;
        Pki = pki;
        _stop = stop;
    }

    /// <summary>The HTTPS URL clients use, e.g. <c>https://127.0.0.1:6443</c>.</summary>
    public Uri Url { get; }

    /// <summary>The admin kubeconfig written at start.</summary>
    public string AdminKubeconfigPath { get; }

    /// <summary>The cluster PKI.</summary>
    public ClusterPki Pki { get; }

    /// <summary>The datastore the server writes to (tests compact it to expire history).</summary>
    internal IKeyValueStore Datastore { get; }

    /// <summary>Stops serving and closes the datastore.</summary>
    public ValueTask DisposeAsync() => _stop();
}
