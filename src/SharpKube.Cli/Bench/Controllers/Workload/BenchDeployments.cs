using System.Globalization;
using k8s.Models;

namespace SharpKube.Cli.Bench.Controllers.Workload;

/// <summary>
/// The Deployments of one run, in a namespace of its own: names by index, each with a label of its own as selector,
/// one busybox container that would sleep (no node runs it: the pods stay Pending), and the run's replica count.
/// </summary>
internal sealed class BenchDeployments
{
    /// <summary>The image of every pod; <c>make build</c> ships it, though no pod of the benchmark is ever run.</summary>
    public const string Image = "busybox:1.35";

    private const string RunLabel = "bench.sharpkube.io/run";

    public BenchDeployments(string runId, int count, int replicas)
    {
        RunId = runId;
        Count = count;
        Replicas = replicas;
        Namespace = $"bench-controllers-{runId}";
    }

    /// <summary>A short random id of the run, in the namespaces' names and a label of every object.</summary>
    public string RunId { get; }

    /// <summary>The Deployments created.</summary>
    public int Count { get; }

    /// <summary>The replicas of each.</summary>
    public int Replicas { get; }

    /// <summary>Every pod the Deployments ask for.</summary>
    public long Pods => (long)Count * Replicas;

    /// <summary>The namespace of the measured Deployments.</summary>
    public string Namespace { get; }

    /// <summary>The namespace of the warm-up Deployment, apart so the measured namespace starts empty.</summary>
    public string WarmUpNamespace => Namespace + "-warm-up";

    /// <summary>A new run with a random id.</summary>
    public static BenchDeployments ForNewRun(int count, int replicas) => new(Guid.NewGuid().ToString("N")[..8], count, replicas);

    /// <summary>The name of Deployment <paramref name="index"/>.</summary>
    public static string Name(int index) => "deploy-" + index.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>"1 replica", "50 replicas": a replica count in words.</summary>
    public static string ReplicasText(long replicas) =>
        replicas == 1 ? "1 replica" : replicas.ToString("N0", CultureInfo.InvariantCulture) + " replicas";

    /// <summary>A namespace object named <paramref name="name"/>.</summary>
    public V1Namespace NamespaceObject(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [RunLabel] = RunId } },
    };

    /// <summary>Deployment <paramref name="index"/> as a client creates it.</summary>
    public V1Deployment Deployment(int index) => Build(Name(index), Namespace, Replicas);

    /// <summary>The warm-up Deployment: one replica, in <see cref="WarmUpNamespace"/>.</summary>
    public V1Deployment WarmUpDeployment() => Build("warm-up", WarmUpNamespace, 1);

    private V1Deployment Build(string name, string ns, int replicas)
    {
        var labels = new Dictionary<string, string> { ["app"] = name, [RunLabel] = RunId };
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "main",
                                Image = Image,
                                Command = ["sleep", "3600"],
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("16Mi") },
                                },
                            },
                        ],
                    },
                },
            },
        };
    }
}
