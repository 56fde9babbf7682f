using System.Globalization;
using k8s.Models;

namespace SharpKube.Cli.Bench.ApiServer.Workload;

/// <summary>
/// The pods of one run, in one namespace of its own: names by index, and a realistic object for each — one container
/// with ports, resources, env and a probe, the labels and annotations a Deployment's pod carries — about 1.5 KB stored.
/// </summary>
internal sealed class BenchPods
{
    /// <summary>The annotation the watch phase's writer sets: the write's sequence number.</summary>
    public const string WriteAnnotation = "bench.sharpkube.io/write";

    /// <summary>The label the update phases change.</summary>
    public const string RoundLabel = "bench.sharpkube.io/round";

    public BenchPods(string runId)
    {
        RunId = runId;
        Namespace = $"bench-apiserver-{runId}";
    }

    /// <summary>A short random id of the run, in the namespace's name and a label of every pod.</summary>
    public string RunId { get; }

    /// <summary>The namespace holding the run's pods.</summary>
    public string Namespace { get; }

    /// <summary>A new run with a random id.</summary>
    public static BenchPods ForNewRun() => new(Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The name of pod <paramref name="index"/>.</summary>
    public static string Name(long index) => "pod-" + index.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The namespace object.</summary>
    public V1Namespace NamespaceObject() => new()
    {
        Metadata = new V1ObjectMeta { Name = Namespace, Labels = new Dictionary<string, string> { ["bench.sharpkube.io/run"] = RunId } },
    };

    /// <summary>Pod <paramref name="index"/> as a client creates it.</summary>
    public V1Pod Pod(long index)
    {
        var app = "web-" + (index % 50).ToString(CultureInfo.InvariantCulture);
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = Name(index),
                NamespaceProperty = Namespace,
                Labels = new Dictionary<string, string>
                {
                    ["app.kubernetes.io/name"] = app,
                    ["app.kubernetes.io/part-of"] = "sharpkube-bench",
                    ["pod-template-hash"] = "7d9c8b6f5d",
                    ["bench.sharpkube.io/run"] = RunId,
                    [RoundLabel] = "0",
                },
                Annotations = new Dictionary<string, string>
                {
                    ["bench.sharpkube.io/created-by"] = "sharpkube bench apiserver",
                    ["prometheus.io/scrape"] = "true",
                    ["prometheus.io/port"] = "9090",
                },
            },
            Spec = new V1PodSpec
            {
                Containers =
                [
                    new V1Container
                    {
                        Name = "app",
                        Image = "registry.k8s.io/e2e-test-images/agnhost:2.52",
                        Args = ["netexec", "--http-port=8080"],
                        Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080, Protocol = "TCP" }],
                        Resources = new V1ResourceRequirements
                        {
                            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("64Mi") },
                            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("128Mi") },
                        },
                        Env =
                        [
                            new V1EnvVar { Name = "APP_NAME", Value = app },
                            new V1EnvVar { Name = "LOG_LEVEL", Value = "info" },
                            new V1EnvVar { Name = "CACHE_SIZE_MB", Value = "64" },
                            new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
                        ],
                        ReadinessProbe = new V1Probe
                        {
                            HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = 8080 },
                            PeriodSeconds = 10,
                        },
                        ImagePullPolicy = "IfNotPresent",
                    },
                ],
                RestartPolicy = "Always",
                TerminationGracePeriodSeconds = 30,
                NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" },
            },
        };
    }
}
