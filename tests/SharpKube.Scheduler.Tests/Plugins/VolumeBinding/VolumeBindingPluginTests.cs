using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.VolumeBinding;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.VolumeBinding;

public sealed class VolumeBindingPluginTests
{
    private static readonly V1StorageClass Local = new()
    {
        Metadata = new V1ObjectMeta { Name = "local" },
        Provisioner = "kubernetes.io/no-provisioner",
        VolumeBindingMode = "WaitForFirstConsumer",
    };

    private static readonly V1StorageClass Standard = new()
    {
        Metadata = new V1ObjectMeta { Name = "standard" },
        Provisioner = "example.com/disk",
        VolumeBindingMode = "Immediate",
    };

    private static V1PersistentVolumeClaim Claim(string name, string size = "1Gi", string? className = "local", string? volumeName = null,
        bool bindCompleted = false, string mode = "ReadWriteOnce") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "default",
            Uid = "uid-" + name,
            Annotations = bindCompleted ? new Dictionary<string, string> { [VolumeAnnotations.BindCompleted] = "yes" } : null,
        },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = [mode],
            StorageClassName = className,
            VolumeName = volumeName,
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) } },
        },
    };

    private static V1PersistentVolume Volume(string name, string size = "1Gi", string? onNode = null, string className = "local",
        V1ObjectReference? claimRef = null, string mode = "ReadWriteOnce") => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PersistentVolumeSpec
        {
            Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) },
            AccessModes = [mode],
            StorageClassName = className,
            ClaimRef = claimRef,
            Local = new V1LocalVolumeSource { Path = "/mnt/" + name },
            NodeAffinity = onNode is null ? null : new V1VolumeNodeAffinity
            {
                Required = new V1NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new V1NodeSelectorTerm
                        {
                            MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/hostname", OperatorProperty = "In", Values = [onNode] }],
                        },
                    ],
                },
            },
        },
        Status = new V1PersistentVolumeStatus { Phase = "Available" },
    };

    private static PodInfo PodWith(params string[] claims)
    {
        var pod = Make.Pod("p");
        pod.Spec.Volumes = [.. claims.Select(c => new V1Volume { Name = "v-" + c, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = c } })];
        return Make.Info(pod);
    }

    private static VolumeBindingPlugin Plugin(IEnumerable<V1PersistentVolumeClaim>? claims = null, IEnumerable<V1PersistentVolume>? volumes = null) =>
        new(VolumeObjects.Of(claims, volumes, [Local, Standard]), Make.NowhereClient());

    private static NodeInfo Node(string name) => Make.NodeInfo(Make.Node(name));

    [Fact]
    public void PreFilter_PodWithoutClaims_Skips()
    {
        var pod = Make.Pod("p");
        pod.Spec.Volumes = [new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }];

        var status = Plugin().PreFilter(new CycleState(), Make.Info(pod), [], out _);

        Assert.True(status.IsSkip);
    }

    [Fact]
    public void PreFilter_MissingClaim_IsUnresolvableWithUpstreamsMessage()
    {
        var status = Plugin().PreFilter(new CycleState(), PodWith("data"), [], out _);

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("persistentvolumeclaim \"data\" not found", status.Message);
    }

    [Fact]
    public void PreFilter_ClaimBeingDeleted_IsUnresolvable()
    {
        var claim = Claim("data");
        claim.Metadata.DeletionTimestamp = DateTime.UtcNow;

        var status = Plugin([claim]).PreFilter(new CycleState(), PodWith("data"), [], out _);

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("persistentvolumeclaim \"data\" is being deleted", status.Message);
    }

    [Theory]
    [InlineData("standard")]
    [InlineData("")]
    [InlineData("no-such-class")]
    public void PreFilter_UnboundImmediateClaim_IsUnresolvable(string className)
    {
        var status = Plugin([Claim("data", className: className)]).PreFilter(new CycleState(), PodWith("data"), [], out _);

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal(VolumeBindingPlugin.ErrReasonUnboundImmediate, status.Message);
    }

    [Fact]
    public void Filter_BoundClaim_PassesOnlyNodesItsVolumeIsReachableFrom()
    {
        var plugin = Plugin([Claim("data", volumeName: "pv-a", bindCompleted: true)], [Volume("pv-a", onNode: "a")]);
        var state = new CycleState();
        var pod = PodWith("data");

        Assert.True(plugin.PreFilter(state, pod, [], out _).IsSuccess);

        Assert.True(plugin.Filter(state, pod, Node("a")).IsSuccess);
        var status = plugin.Filter(state, pod, Node("b"));
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal(VolumeBindingPlugin.ErrReasonNodeConflict, status.Message);
    }

    [Fact]
    public void Filter_BoundClaimWhoseVolumeIsGone_SaysSo()
    {
        var plugin = Plugin([Claim("data", volumeName: "gone", bindCompleted: true)]);
        var state = new CycleState();
        var pod = PodWith("data");
        plugin.PreFilter(state, pod, [], out _);

        Assert.Equal(VolumeBindingPlugin.ErrReasonPVNotExist, plugin.Filter(state, pod, Node("a")).Message);
    }

    [Fact]
    public void Filter_WaitForFirstConsumerClaim_FindsAStaticVolumeOnTheNode_OrReportsABindConflict()
    {
        var plugin = Plugin([Claim("data", size: "5Gi")], [Volume("small-a", size: "1Gi", onNode: "a"), Volume("big-b", size: "10Gi", onNode: "b")]);
        var state = new CycleState();
        var pod = PodWith("data");
        plugin.PreFilter(state, pod, [], out _);

        var onA = plugin.Filter(state, pod, Node("a"));
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, onA.Code);
        Assert.Equal(VolumeBindingPlugin.ErrReasonBindConflict, onA.Message);
        Assert.True(plugin.Filter(state, pod, Node("b")).IsSuccess);
    }

    [Theory]
    [InlineData("ReadWriteMany", "local", null)]
    [InlineData("ReadWriteOnce", "other", null)]
    [InlineData("ReadWriteOnce", "local", "someone-else")]
    public void Filter_VolumeOfAnotherAccessModeClassOrClaim_DoesNotMatch(string volumeMode, string volumeClass, string? claimedBy)
    {
        var claimRef = claimedBy is null ? null : new V1ObjectReference { Name = claimedBy, NamespaceProperty = "default" };
        var plugin = Plugin([Claim("data")], [Volume("pv", mode: volumeMode, className: volumeClass, claimRef: claimRef)]);
        var state = new CycleState();
        var pod = PodWith("data");
        plugin.PreFilter(state, pod, [], out _);

        Assert.Equal(VolumeBindingPlugin.ErrReasonBindConflict, plugin.Filter(state, pod, Node("a")).Message);
    }

    [Fact]
    public void Reserve_AssumesTheVolume_SoTheNextPodCannotTakeIt_UntilUnreserve()
    {
        var plugin = Plugin([Claim("one"), Claim("two")], [Volume("only", onNode: "a")]);
        var first = PodWith("one");
        var firstState = new CycleState();
        plugin.PreFilter(firstState, first, [], out _);
        Assert.True(plugin.Filter(firstState, first, Node("a")).IsSuccess);
        Assert.True(plugin.Reserve(firstState, first, "a").IsSuccess);

        var second = PodWith("two");
        var secondState = new CycleState();
        plugin.PreFilter(secondState, second, [], out _);
        Assert.Equal(VolumeBindingPlugin.ErrReasonBindConflict, plugin.Filter(secondState, second, Node("a")).Message);

        plugin.Unreserve(firstState, first, "a");
        var retryState = new CycleState();
        plugin.PreFilter(retryState, second, [], out _);
        Assert.True(plugin.Filter(retryState, second, Node("a")).IsSuccess);
    }

    [Fact]
    public void Filter_TwoClaims_NeedTwoVolumes()
    {
        var plugin = Plugin([Claim("one"), Claim("two")], [Volume("pv-1", onNode: "a")]);
        var state = new CycleState();
        var pod = PodWith("one", "two");
        plugin.PreFilter(state, pod, [], out _);

        Assert.Equal(VolumeBindingPlugin.ErrReasonBindConflict, plugin.Filter(state, pod, Node("a")).Message);
    }

    [Fact]
    public async Task PreBind_WithNothingToBind_WritesNothing()
    {
        // The client reaches nothing: any API call would fail the status.
        var plugin = Plugin([Claim("data", volumeName: "pv-a", bindCompleted: true)], [Volume("pv-a")]);
        var state = new CycleState();
        var pod = PodWith("data");
        plugin.PreFilter(state, pod, [], out _);
        plugin.Filter(state, pod, Node("a"));
        plugin.Reserve(state, pod, "a");

        Assert.True((await plugin.PreBindAsync(state, pod, "a", TestContext.Current.CancellationToken)).IsSuccess);
    }

    [Fact]
    public void RegistersClaimVolumeAndClassChanges_AndNodeAdds()
    {
        var events = Plugin().EventsToRegister();

        foreach (var resource in (EventResource[])[EventResource.PersistentVolumeClaim, EventResource.PersistentVolume, EventResource.StorageClass])
        {
            Assert.Contains(events, e => new ClusterEvent(resource, ActionType.Add).Matches(e));
            Assert.Contains(events, e => new ClusterEvent(resource, ActionType.Update).Matches(e));
            Assert.DoesNotContain(events, e => new ClusterEvent(resource, ActionType.Delete).Matches(e));
        }
        Assert.Contains(events, e => ClusterEvent.NodeAdd.Matches(e));
    }
}
