using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.ApiServer.Hosting;
using SharpKube.Client.Events;
using SharpKube.Storage;

namespace SharpKube.Kubelet.Tests.Probes;

/// <summary>
/// A real API server (in-process, 127.0.0.1 port 0, SQLite in a temporary directory) with an event recorder writing
/// to it as the kubelet's does, so tests see the probe events a user would see with <c>kubectl describe pod</c>.
/// </summary>
public sealed class ProbeApiServer : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("sharpkube-probes-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private RunningApiServer? _server;
    private Task _recording = Task.CompletedTask;

    /// <summary>An admin client.</summary>
    public Kubernetes Client { get; private set; } = null!;

    /// <summary>The recorder the probes report through.</summary>
    public EventRecorder Events { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _server = await ApiServerHost.StartAsync(new ApiServerOptions
        {
            DataDir = _dataDir,
            BindAddress = IPAddress.Loopback,
            HttpsPort = 0,
            Datastore = DatastoreDriver.Sqlite,
        }, NullLoggerFactory.Instance, CancellationToken.None);
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.AdminKubeconfigPath));
        Events = new EventRecorder(Client, new EventRecorderOptions { Component = "kubelet", Host = "node-1" });
        _recording = Task.Run(() => Events.RunAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Creates <paramref name="pod"/> in namespace default (bound to node-1) and returns it with its uid.</summary>
    public async Task<V1Pod> CreatePodAsync(V1Pod pod)
    {
        pod.Metadata.NamespaceProperty = "default";
        pod.Spec.NodeName = "node-1";
        return await Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>The events about <paramref name="pod"/>, oldest first.</summary>
    public async Task<IReadOnlyList<(string Reason, string Message, string FieldPath, int Count)>> EventsAboutAsync(V1Pod pod)
    {
        var events = await Client.CoreV1.ListNamespacedEventAsync("default",
            fieldSelector: $"involvedObject.name={pod.Metadata.Name},involvedObject.uid={pod.Metadata.Uid}",
            cancellationToken: TestContext.Current.CancellationToken);
        return [.. events.Items.OrderBy(e => e.FirstTimestamp).Select(e => (e.Reason, e.Message, e.InvolvedObject.FieldPath, e.Count ?? 1))];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _recording;
        Client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_dataDir, recursive: true);
        _stop.Dispose();
    }
}
