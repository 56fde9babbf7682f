using System.Text;
using BenchmarkDotNet.Attributes;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.ApiServer.Store;
using SharpKube.ApiServer.WatchCache;

namespace SharpKube.Benchmarks.ApiServer;

/// <summary>
/// The watch cache's per-change costs: turning a stored pod into its cached form (resourceVersion splice, label
/// and field extraction) and the shared watch-stream line, and the selector match done per watcher.
/// </summary>
[MemoryDiagnoser]
public class WatchCacheBenchmarks
{
    private static readonly SelectableFieldSet PodFields = SelectableFields.For("", "Pod");
    private byte[] _stored = [];
    private CachedObject _cached = null!;
    private LabelSelector _selector = null!;

    [GlobalSetup]
    public void Setup()
    {
        _stored = Encoding.UTF8.GetBytes("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d4b9c8f6d-x2k9p","namespace":"default","uid":"6f1c2a8e-4b3d-4e5f-9a1b-2c3d4e5f6a7b","creationTimestamp":"2026-11-27T12:00:00Z","labels":{"app":"web","pod-template-hash":"7d4b9c8f6d","tier":"frontend"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{"requests":{"cpu":"100m","memory":"128Mi"}},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","nodeName":"node-1","schedulerName":"default-scheduler","securityContext":{}},"status":{"phase":"Running","podIP":"10.42.0.17","qosClass":"Burstable"}}
            """);
        _cached = CachedObjects.Create("/registry/pods/default/web-7d4b9c8f6d-x2k9p", _stored, 12345, e => PodFields.Extract(e));
        _selector = LabelSelector.Parse("app=web,tier in (frontend,backend)");
    }

    [Benchmark]
    public byte[] SpliceResourceVersion() => ResourceVersionSplicer.Splice(_stored, 12345);

    [Benchmark]
    public CachedObject CreateCachedObject() =>
        CachedObjects.Create("/registry/pods/default/web-7d4b9c8f6d-x2k9p", _stored, 12345, e => PodFields.Extract(e));

    [Benchmark]
    public bool MatchLabelSelector() => _selector.Matches(_cached.Labels);

    [Benchmark]
    public byte[] BuildWatchEventLine() => CachedObjects.WithResourceVersion(_cached, 12346).EventLine(WatchNotificationType.Modified);
}
