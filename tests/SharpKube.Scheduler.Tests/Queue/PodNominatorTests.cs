using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Queue;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Queue;

public sealed class PodNominatorTests
{
    private readonly PodNominator _nominator = new();

    [Fact]
    public void AddNominatedPod_CountsThePodOnThatNodeOnly()
    {
        var pod = Make.Info(Make.Pod("p"));

        _nominator.AddNominatedPod(pod, "node-a");

        Assert.Equal([pod], _nominator.NominatedPodsForNode("node-a"));
        Assert.Empty(_nominator.NominatedPodsForNode("node-b"));
        Assert.Equal("node-a", _nominator.NominatedNodeName(pod));
    }

    [Fact]
    public void AddNominatedPod_ElsewhereMovesTheNomination_AndEmptyClearsIt()
    {
        var pod = Make.Info(Make.Pod("p"));
        _nominator.AddNominatedPod(pod, "node-a");

        _nominator.AddNominatedPod(pod, "node-b");

        Assert.Empty(_nominator.NominatedPodsForNode("node-a"));
        Assert.Equal([pod], _nominator.NominatedPodsForNode("node-b"));
        _nominator.AddNominatedPod(pod, "");
        Assert.Equal(0, _nominator.Count);
    }

    [Fact]
    public void AddFromStatus_NominatesByStatusNominatedNodeName_UnlessThePodIsBound()
    {
        var nominated = Make.Pod("nominated");
        nominated.Status.NominatedNodeName = "node-a";
        var bound = Make.Pod("bound", nodeName: "node-b");
        bound.Status.NominatedNodeName = "node-a";

        _nominator.AddFromStatus(Make.Info(nominated));
        _nominator.AddFromStatus(Make.Info(bound));
        _nominator.AddFromStatus(Make.Info(Make.Pod("plain")));

        Assert.Equal(["nominated"], _nominator.NominatedPodsForNode("node-a").Select(p => p.Name));
    }

    [Fact]
    public void UpdateNominatedPod_KeepsAnInMemoryNomination_UntilTheStatusSaysOtherwise()
    {
        var pod = Make.Pod("p");
        var old = Make.Info(pod);
        _nominator.AddNominatedPod(old, "node-a");

        // An update that still lacks status.nominatedNodeName (the patch has not arrived) keeps the nomination.
        var relabelled = Clone(pod);
        relabelled.Metadata.Labels = new Dictionary<string, string> { ["a"] = "b" };
        _nominator.UpdateNominatedPod(old, Make.Info(relabelled));
        Assert.Equal("node-a", _nominator.NominatedNodeName(old));
        Assert.Same(relabelled, _nominator.NominatedPodsForNode("node-a")[0].Pod);

        var moved = Clone(pod);
        moved.Status.NominatedNodeName = "node-b";
        _nominator.UpdateNominatedPod(Make.Info(relabelled), Make.Info(moved));
        Assert.Equal("node-b", _nominator.NominatedNodeName(old));

        var cleared = Clone(pod);
        _nominator.UpdateNominatedPod(Make.Info(moved), Make.Info(cleared));
        Assert.Equal("", _nominator.NominatedNodeName(old));
    }

    [Fact]
    public void DeleteNominatedPodIfExists_Forgets()
    {
        var pod = Make.Info(Make.Pod("p"));
        _nominator.AddNominatedPod(pod, "node-a");

        _nominator.DeleteNominatedPodIfExists(pod);

        Assert.Empty(_nominator.NominatedPodsForNode("node-a"));
    }

    [Fact]
    public void TheSchedulingQueue_NominatesPendingPodsFromTheirStatus_AndForgetsThemWhenDeleted()
    {
        var framework = Make.DefaultFramework(new Snapshot());
        using var queue = new SchedulingQueue(framework.QueueSort, _ => framework, framework.EventsByPlugin);
        var pod = Make.Pod("p");
        pod.Status.NominatedNodeName = "node-a";
        var info = Make.Info(pod);

        queue.Add(info);
        Assert.Equal("node-a", queue.Nominator.NominatedNodeName(info));

        queue.Delete(info);
        Assert.Equal(0, queue.Nominator.Count);
    }

    private static V1Pod Clone(V1Pod pod) => new()
    {
        Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, NamespaceProperty = pod.Metadata.NamespaceProperty, Uid = pod.Metadata.Uid },
        Spec = pod.Spec,
        Status = new V1PodStatus { Phase = "Pending" },
    };
}
