using System.Globalization;
using k8s;
using k8s.Models;

namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>
/// A Node and its Lease in <c>kube-node-lease</c> made by hand, standing in for a kubelet: it can renew the Lease
/// (once, or every quarter second in the background) and post its Ready condition. Disposing deletes both.
/// </summary>
public sealed class HandMadeNode : IAsyncDisposable
{
    private readonly Kubernetes _client;
    private CancellationTokenSource? _renewing;
    private Task _renewLoop = Task.CompletedTask;

    private HandMadeNode(Kubernetes client, string name)
    {
        _client = client;
        Name = name;
    }

    /// <summary>The node's name.</summary>
    public string Name { get; }

    /// <summary>Creates the node with Ready (and MemoryPressure False) posted now, in <paramref name="zone"/>, and its Lease.</summary>
    public static async Task<HandMadeNode> CreateAsync(Kubernetes client, string name, string zone, string ready = "True", bool unschedulable = false)
    {
        var now = Now();
        await client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = zone, ["kubernetes.io/hostname"] = name },
            },
            Spec = new V1NodeSpec { Unschedulable = unschedulable },
            Status = new V1NodeStatus
            {
                Conditions =
                [
                    new V1NodeCondition
                    {
                        Type = "MemoryPressure", Status = "False", Reason = "KubeletHasSufficientMemory",
                        Message = "kubelet has sufficient memory available", LastHeartbeatTime = now, LastTransitionTime = now,
                    },
                    Ready(ready, now),
                ],
            },
        }, cancellationToken: TestContext.Current.CancellationToken);
        await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "kube-node-lease" },
            Spec = new V1LeaseSpec { HolderIdentity = name, LeaseDurationSeconds = 40, RenewTime = DateTime.UtcNow },
        }, "kube-node-lease", cancellationToken: TestContext.Current.CancellationToken);
        return new HandMadeNode(client, name);
    }

    /// <summary>Renews the Lease now.</summary>
    public async Task RenewLeaseAsync(CancellationToken cancellationToken = default)
    {
        var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(Name, "kube-node-lease", cancellationToken: cancellationToken);
        lease.Spec.RenewTime = DateTime.UtcNow;
        await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, Name, "kube-node-lease", cancellationToken: cancellationToken);
    }

    /// <summary>Renews the Lease every quarter second until <see cref="StopRenewingAsync"/> or disposal, as a live kubelet does.</summary>
    public void StartRenewing()
    {
        _renewing = new CancellationTokenSource();
        var token = _renewing.Token;
        _renewLoop = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    await RenewLeaseAsync(token);
                    await Task.Delay(250, token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (k8s.Autorest.HttpOperationException)
                {
                    // A conflicting write: renew again at once.
                }
            }
        }, CancellationToken.None);
    }

    /// <summary>Stops renewing the Lease, as a kubelet that died.</summary>
    public async Task StopRenewingAsync()
    {
        if (_renewing is null)
        {
            return;
        }
        await _renewing.CancelAsync();
        await _renewLoop;
        _renewing.Dispose();
        _renewing = null;
    }

    /// <summary>Posts the Ready condition with a fresh heartbeat, as the kubelet's status update does.</summary>
    public async Task PostReadyAsync(string status)
    {
        var now = Now();
        var at = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var patch = $$$"""{"status":{"conditions":[{"type":"Ready","status":"{{{status}}}","reason":"KubeletReady","message":"kubelet is posting ready status","lastHeartbeatTime":"{{{at}}}","lastTransitionTime":"{{{at}}}"}]}}""";
        await _client.CoreV1.PatchNodeStatusAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), Name,
            cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Reads the node.</summary>
    public Task<V1Node> ReadAsync() => _client.CoreV1.ReadNodeAsync(Name, cancellationToken: TestContext.Current.CancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync();
        try
        {
            await _client.CoreV1.DeleteNodeAsync(Name);
            await _client.CoordinationV1.DeleteNamespacedLeaseAsync(Name, "kube-node-lease");
        }
        catch (k8s.Autorest.HttpOperationException)
        {
        }
    }

    private static V1NodeCondition Ready(string status, DateTime now) => new()
    {
        Type = "Ready", Status = status, Reason = status == "True" ? "KubeletReady" : "KubeletNotReady",
        Message = status == "True" ? "kubelet is posting ready status" : "container runtime is down",
        LastHeartbeatTime = now, LastTransitionTime = now,
    };

    private static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}
