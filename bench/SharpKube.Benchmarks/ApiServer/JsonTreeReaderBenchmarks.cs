using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using SharpKube.ApiServer.Store;

namespace SharpKube.Benchmarks.ApiServer;

/// <summary>
/// Parsing a stored pod (a scheduled, running pod with its managedFields, as every update reads it) into the tree
/// the write path works on, beside System.Text.Json's own <see cref="JsonNode.Parse(string, JsonNodeOptions?, System.Text.Json.JsonDocumentOptions)"/>.
/// </summary>
[MemoryDiagnoser]
public class JsonTreeReaderBenchmarks
{
    private byte[] _pod = [];

    [GlobalSetup]
    public void Setup() => _pod = Encoding.UTF8.GetBytes("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pod-0-4821","namespace":"sched-1","uid":"6f1c2a8e-4b3d-4e5f-9a1b-2c3d4e5f6a7b","creationTimestamp":"2026-11-28T02:22:00Z","labels":{"app":"bench","type":"measured"},"managedFields":[{"manager":"sharpkube","operation":"Update","apiVersion":"v1","time":"2026-11-28T02:22:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{},"f:type":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"pause\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},"f:resources":{".":{},"f:limits":{".":{},"f:cpu":{},"f:memory":{}},"f:requests":{".":{},"f:cpu":{},"f:memory":{}}},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}},{"manager":"sharpkube","operation":"Update","apiVersion":"v1","time":"2026-11-28T02:22:01Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:conditions":{"k:{\"type\":\"Ready\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}},"f:containerStatuses":{},"f:hostIP":{},"f:phase":{},"f:podIP":{},"f:podIPs":{".":{},"k:{\"ip\":\"100.64.3.7\"}":{".":{},"f:ip":{}}},"f:startTime":{}}},"subresource":"status"}]},"spec":{"containers":[{"name":"pause","image":"registry.k8s.io/pause:3.10","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{"limits":{"cpu":"100m","memory":"500Mi"},"requests":{"cpu":"100m","memory":"500Mi"}},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"default","serviceAccount":"default","nodeName":"scheduler-perf-node-3412","securityContext":{},"schedulerName":"default-scheduler","tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority"},"status":{"phase":"Running","conditions":[{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-28T02:22:00Z"},{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-28T02:22:01Z"}],"hostIP":"10.0.3.7","podIP":"100.64.3.7","podIPs":[{"ip":"100.64.3.7"}],"startTime":"2026-11-28T02:22:01Z","containerStatuses":[{"name":"pause","state":{"running":{"startedAt":"2026-11-28T02:22:01Z"}},"lastState":{},"ready":true,"restartCount":0,"image":"registry.k8s.io/pause:3.10","imageID":"","started":true}],"qosClass":"Guaranteed"}}
        """);

    [Benchmark(Baseline = true)]
    public JsonNode? SystemTextJsonNodeParse() => JsonNode.Parse(_pod);

    [Benchmark]
    public JsonNode? JsonTreeReaderParse() => JsonTreeReader.Parse(_pod);

    [Benchmark]
    public JsonNode? JsonTreeReaderParseCollectingDuplicates() => JsonTreeReader.Parse(_pod, []);

    [Benchmark]
    public JsonNode? DeepCloneParsedPod() => _parsed.DeepClone();

    private JsonNode _parsed = null!;

    [GlobalSetup(Target = nameof(DeepCloneParsedPod))]
    public void SetupClone()
    {
        Setup();
        _parsed = JsonTreeReader.Parse(_pod)!;
    }
}
