using System.Globalization;
using System.Net;
using k8s.Models;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Changes;

/// <summary>
/// Follows Services and EndpointSlices (fed by informer handlers) and turns them into the <see cref="ProxyState"/>
/// of each sync: the Services whose objects changed since the previous sync are re-read, the rest kept as they were.
/// Thread-safe: handlers call in from the informers' loops while the sync loop takes states.
/// </summary>
public sealed class ServiceChangeTracker
{
    /// <summary>The EndpointSlice annotation with the time of the Pod or Service change the slice reflects.</summary>
    public const string TriggerTimeAnnotation = "endpoints.kubernetes.io/last-change-trigger-time";

    private readonly string _nodeName;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, V1Service> _services = [];
    private readonly Dictionary<string, Dictionary<string, V1EndpointSlice>> _slices = [];
    private readonly Dictionary<string, List<ServicePortName>> _portsOfService = [];
    private readonly Dictionary<ServicePortName, ServicePortInfo> _ports = [];
    private readonly Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>> _endpoints = [];
    private readonly HashSet<string> _dirty = [];
    private readonly List<DateTimeOffset> _triggers = [];

    /// <summary>A tracker for the proxy of <paramref name="nodeName"/>.</summary>
    public ServiceChangeTracker(string nodeName, TimeProvider? time = null)
    {
        _nodeName = nodeName ?? throw new ArgumentNullException(nameof(nodeName));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Raised after each change, outside the tracker's lock: the sync loop's cue.</summary>
    public event Action? Changed;

    /// <summary>How many Service changes were seen (<c>kubeproxy_sync_proxy_rules_service_changes_total</c>).</summary>
    public long ServiceChanges { get; private set; }

    /// <summary>How many EndpointSlice changes were seen (<c>kubeproxy_sync_proxy_rules_endpoint_changes_total</c>).</summary>
    public long EndpointChanges { get; private set; }

    /// <summary>Whether there are changes not yet taken.</summary>
    public bool HasPendingChanges
    {
        get
        {
            lock (_lock)
            {
                return _dirty.Count > 0;
            }
        }
    }

    /// <summary>A Service was added or updated.</summary>
    public void OnService(V1Service service) => Record(service, deleted: false);

    /// <summary>A Service was deleted.</summary>
    public void OnServiceDeleted(V1Service service) => Record(service, deleted: true);

    /// <summary>An EndpointSlice was added or updated.</summary>
    public void OnSlice(V1EndpointSlice slice) => Record(slice, deleted: false);

    /// <summary>An EndpointSlice was deleted.</summary>
    public void OnSliceDeleted(V1EndpointSlice slice) => Record(slice, deleted: true);

    private void Record(V1Service service, bool deleted)
    {
        ArgumentNullException.ThrowIfNull(service);
        var key = (service.Metadata?.NamespaceProperty ?? "default") + "/" + service.Metadata?.Name;
        lock (_lock)
        {
            if (deleted)
            {
                _services.Remove(key);
            }
            else
            {
                _services[key] = service;
            }
            _dirty.Add(key);
            _triggers.Add(_time.GetUtcNow());
            ServiceChanges++;
        }
        Changed?.Invoke();
    }

    private void Record(V1EndpointSlice slice, bool deleted)
    {
        ArgumentNullException.ThrowIfNull(slice);
        if (slice.Metadata?.Labels?.TryGetValue(SliceEndpoints.ServiceNameLabel, out var serviceName) != true || string.IsNullOrEmpty(serviceName))
        {
            return;
        }
        var key = (slice.Metadata.NamespaceProperty ?? "default") + "/" + serviceName;
        var trigger = slice.Metadata.Annotations?.TryGetValue(TriggerTimeAnnotation, out var text) == true
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : _time.GetUtcNow();
        lock (_lock)
        {
            if (!_slices.TryGetValue(key, out var slices))
            {
                _slices[key] = slices = [];
            }
            if (deleted)
            {
                slices.Remove(slice.Metadata.Name);
                if (slices.Count == 0)
                {
                    _slices.Remove(key);
                }
            }
            else
            {
                slices[slice.Metadata.Name] = slice;
            }
            _dirty.Add(key);
            _triggers.Add(trigger);
            EndpointChanges++;
        }
        Changed?.Invoke();
    }

    /// <summary>
    /// Applies the pending changes and returns the state to program: with <see cref="ProxyState.ChangedServices"/>
    /// set to the changed Services, or null when <paramref name="full"/>.
    /// </summary>
    public PendingChanges Take(bool full, IReadOnlyList<IPAddress> nodeAddresses)
    {
        lock (_lock)
        {
            foreach (var key in _dirty)
            {
                Refresh(key);
            }
            var changed = full ? null : new HashSet<string>(_dirty, StringComparer.Ordinal);
            _dirty.Clear();
            var triggers = _triggers.ToList();
            _triggers.Clear();
            var state = new ProxyState
            {
                Services = new Dictionary<ServicePortName, ServicePortInfo>(_ports),
                Endpoints = new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>>(_endpoints),
                NodeAddresses = nodeAddresses,
                ChangedServices = changed,
            };
            return new PendingChanges(state, triggers);
        }
    }

    /// <summary>Puts back the trigger times of a sync that failed, so the retry that programs them reports their latency.</summary>
    public void Requeue(PendingChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_lock)
        {
            _triggers.AddRange(changes.Triggers);
        }
    }

    private void Refresh(string key)
    {
        if (_portsOfService.Remove(key, out var old))
        {
            foreach (var name in old)
            {
                _ports.Remove(name);
                _endpoints.Remove(name);
            }
        }
        if (!_services.TryGetValue(key, out var service))
        {
            return;
        }
        var ports = ServicePorts.Of(service);
        if (ports.Count == 0)
        {
            return;
        }
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var endpoints = SliceEndpoints.Of(key[..slash], key[(slash + 1)..],
            _slices.TryGetValue(key, out var slices) ? slices.Values : [], _nodeName);
        var names = new List<ServicePortName>(ports.Count);
        foreach (var port in ports)
        {
            // Two ports with one name and protocol are refused by the API server; the first wins if one slips through.
            if (_ports.TryAdd(port.Name, port))
            {
                names.Add(port.Name);
                if (endpoints.TryGetValue(port.Name, out var list))
                {
                    _endpoints[port.Name] = list;
                }
            }
        }
        _portsOfService[key] = names;
    }
}
