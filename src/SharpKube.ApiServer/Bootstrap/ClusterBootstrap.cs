using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Bootstrap;

/// <summary>
/// Creates what every cluster has from its first start: the namespaces <c>default</c>, <c>kube-system</c>,
/// <c>kube-public</c> and <c>kube-node-lease</c>, and the <c>kubernetes</c> Service with its Endpoints
/// and EndpointSlice pointing at this API server. Idempotent: existing objects are kept (the endpoints
/// are refreshed when the address or port changed).
/// </summary>
public sealed class ClusterBootstrap
{
    private static readonly string[] Namespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    private readonly ResourceCatalog _catalog;
    private readonly ILogger _logger;

    /// <summary>Creates the bootstrapper.</summary>
    public ClusterBootstrap(ResourceCatalog catalog, ILogger logger)
    {
        _catalog = catalog;
        _logger = logger;
    }

    /// <summary>Ensures the bootstrap objects exist.</summary>
    public async Task RunAsync(IPAddress serviceIp, IPAddress advertiseAddress, int port, CancellationToken cancellationToken)
    {
        var namespaces = Store("", "v1", "namespaces");
        foreach (var name in Namespaces)
        {
            await CreateIfMissingAsync(namespaces, null, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = name },
            }, cancellationToken).ConfigureAwait(false);
        }
        await CreateIfMissingAsync(Store("", "v1", "services"), "default", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes",
                ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            ["spec"] = new JsonObject
            {
                ["type"] = "ClusterIP",
                ["clusterIP"] = serviceIp.ToString(),
                ["sessionAffinity"] = "None",
                ["ports"] = new JsonArray(new JsonObject
                {
                    ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = port,
                }),
            },
        }, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(Store("", "v1", "endpoints"), "default", Endpoints(advertiseAddress, port), cancellationToken).ConfigureAwait(false);
        await EnsureAsync(Store("discovery.k8s.io", "v1", "endpointslices"), "default", EndpointSlice(advertiseAddress, port), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The address other nodes reach this API server at: the bind address, or the first non-loopback IPv4.</summary>
    public static IPAddress AdvertiseAddress(IPAddress bindAddress)
    {
        if (!bindAddress.Equals(IPAddress.Any) && !bindAddress.Equals(IPAddress.IPv6Any))
        {
            return bindAddress;
        }
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }
            foreach (var address in nic.GetIPProperties().UnicastAddresses)
            {
                if (address.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address.Address))
                {
                    return address.Address;
                }
            }
        }
        return IPAddress.Loopback;
    }

    private static JsonObject Endpoints(IPAddress address, int port) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Endpoints",
        ["metadata"] = new JsonObject
        {
            ["name"] = "kubernetes",
            ["labels"] = new JsonObject { ["endpointslice.kubernetes.io/skip-mirror"] = "true" },
        },
        ["subsets"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray(new JsonObject { ["ip"] = address.ToString() }),
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = port, ["protocol"] = "TCP" }),
        }),
    };

    private static JsonObject EndpointSlice(IPAddress address, int port) => new()
    {
        ["apiVersion"] = "discovery.k8s.io/v1",
        ["kind"] = "EndpointSlice",
        ["metadata"] = new JsonObject
        {
            ["name"] = "kubernetes",
            // The API server writes this slice; no managed-by label, so the endpointslice controller leaves it alone.
            ["labels"] = new JsonObject { ["kubernetes.io/service-name"] = "kubernetes" },
        },
        ["addressType"] = "IPv4",
        ["endpoints"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray(address.ToString()),
            ["conditions"] = new JsonObject { ["ready"] = true },
        }),
        ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = port, ["protocol"] = "TCP" }),
    };

    private ResourceStore Store(string group, string version, string plural) =>
        (_catalog.Find(group, version, plural) ?? throw new InvalidOperationException($"{plural} is not served")).Store;

    private async Task CreateIfMissingAsync(ResourceStore store, string? ns, JsonObject obj, CancellationToken cancellationToken)
    {
        try
        {
            await store.CreateAsync(ns, obj, WriteOptions.Default, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Created {Resource} {Name}", store.Resource.Plural, ObjectJson.GetString(ObjectJson.Metadata(obj), "name"));
        }
        catch (StatusException e) when (e.Reason == "AlreadyExists")
        {
        }
    }

    private async Task EnsureAsync(ResourceStore store, string ns, JsonObject desired, CancellationToken cancellationToken)
    {
        var name = ObjectJson.GetString(ObjectJson.Metadata(desired), "name")!;
        await store.UpdateAsync(ns, name, current =>
        {
            if (current is null)
            {
                return (JsonObject)desired.DeepClone();
            }
            var updated = (JsonObject)desired.DeepClone();
            ObjectJson.Metadata(updated)["resourceVersion"] = ObjectJson.GetString(ObjectJson.Metadata(current), "resourceVersion");
            return updated;
        }, null, WriteOptions.Default, allowCreate: true, cancellationToken).ConfigureAwait(false);
    }
}
