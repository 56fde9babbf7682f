using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins;
using SharpKube.Scheduler.Plugins.DefaultPreemption;
using SharpKube.Scheduler.Queue;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.DefaultPreemption;

/// <summary>The default profile over fixed nodes with a real nominator, and a scheduling cycle run up to PostFilter.</summary>
internal sealed class PreemptionSetup
{
    public PreemptionSetup(params NodeInfo[] nodes)
    {
        Snapshot = Snapshot.Of(nodes);
        var registry = InTreePlugins.CreateRegistry();
        Handle = new FrameworkHandle(Make.NowhereClient(), Snapshot, parallelizer: new Parallelizer(1)) { Nominator = Nominator };
        Framework = FrameworkBuilder.Build(DefaultProfile.Create(registry), registry, Handle);
        Plugin = new DefaultPreemptionPlugin(Handle);
    }

    public PodNominator Nominator { get; } = new();

    public Snapshot Snapshot { get; }

    public FrameworkHandle Handle { get; }

    public SchedulingFramework Framework { get; }

    public DefaultPreemptionPlugin Plugin { get; }

    /// <summary>PreFilter and Filter over every node (all must reject <paramref name="pod"/>), then the plugin's PostFilter.</summary>
    public Status PostFilter(V1Pod pod, out string? nominated) => PostFilter(Make.Info(pod), out nominated);

    public Status PostFilter(PodInfo pod, out string? nominated)
    {
        var state = new CycleState();
        var preFilter = Framework.RunPreFilterPlugins(state, pod, Snapshot.NodeInfos);
        Assert.True(preFilter.Status.IsSuccess, preFilter.Status.ToString());
        var statuses = new Dictionary<string, Status>();
        foreach (var node in Snapshot.NodeInfos)
        {
            var status = Framework.RunFilterPluginsWithNominatedPods(state, pod, node);
            Assert.False(status.IsSuccess, $"{pod} fits {node.Name}");
            statuses[node.Name] = status;
        }
        return Plugin.PostFilter(state, pod, statuses, out nominated);
    }

    /// <summary>A pod with a priority and a cpu request.</summary>
    public static V1Pod Pod(string name, int priority, string cpu, string? nodeName = null, DateTime? started = null)
    {
        var pod = Make.Pod(name, cpu: cpu, priority: priority, nodeName: nodeName);
        pod.Status.StartTime = started;
        return pod;
    }
}
