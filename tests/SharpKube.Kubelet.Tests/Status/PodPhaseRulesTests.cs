using k8s.Models;
using SharpKube.Kubelet.Status;
using static SharpKube.Kubelet.Tests.Status.StatusPods;

namespace SharpKube.Kubelet.Tests.Status;

/// <summary>
/// The pod phase against upstream's getPhase. Each case is written as "name=state" lists, where state is run
/// (running and started), starting (running, not started), ok (exited 0), err (exited 1), wait (never started),
/// crash (waiting to restart after exit 1), crash0 (after exit 0) or none (no status at all); an init container
/// name ending in "+" is a sidecar.
/// </summary>
public sealed class PodPhaseRulesTests
{
    [Theory]
    // Nothing started yet.
    [InlineData("Always", "", "", "a=wait", "Pending")]
    [InlineData("Always", "", "", "a=none", "Pending")]
    [InlineData("Never", "i", "i=wait", "a=wait", "Pending")]
    // Init containers.
    [InlineData("Always", "i", "i=run", "a=wait", "Pending")]
    [InlineData("Always", "i,j", "i=ok,j=run", "a=wait", "Pending")]
    [InlineData("Never", "i", "i=err", "a=wait", "Failed")]
    [InlineData("Never", "i,j", "i=ok,j=err", "a=wait", "Failed")]
    [InlineData("OnFailure", "i", "i=err", "a=wait", "Pending")]
    [InlineData("OnFailure", "i", "i=crash", "a=wait", "Pending")]
    [InlineData("Always", "i", "i=crash", "a=wait", "Pending")]
    [InlineData("Never", "i", "i=ok", "a=run", "Running")]
    // Sidecars do not hold initialization once started, and a regular init container after them still does.
    [InlineData("Always", "s+", "s=run", "a=run", "Running")]
    [InlineData("Always", "s+,i", "s=run,i=run", "a=wait", "Pending")]
    [InlineData("Never", "s+,i", "s=run,i=ok", "a=run", "Running")]
    // App containers, restartPolicy Always.
    [InlineData("Always", "", "", "a=run,b=run", "Running")]
    [InlineData("Always", "", "", "a=run,b=wait", "Pending")]
    [InlineData("Always", "", "", "a=run,b=crash", "Running")]
    [InlineData("Always", "", "", "a=crash,b=crash0", "Running")]
    [InlineData("Always", "", "", "a=ok,b=ok", "Running")]
    [InlineData("Always", "", "", "a=run,b=none", "Pending")]
    // App containers, restartPolicy OnFailure.
    [InlineData("OnFailure", "", "", "a=ok,b=ok", "Succeeded")]
    [InlineData("OnFailure", "", "", "a=ok,b=err", "Running")]
    [InlineData("OnFailure", "", "", "a=ok,b=crash", "Running")]
    [InlineData("OnFailure", "", "", "a=ok,b=run", "Running")]
    // App containers, restartPolicy Never.
    [InlineData("Never", "", "", "a=ok,b=ok", "Succeeded")]
    [InlineData("Never", "", "", "a=ok,b=err", "Failed")]
    [InlineData("Never", "", "", "a=err", "Failed")]
    [InlineData("Never", "", "", "a=ok,b=run", "Running")]
    [InlineData("Never", "", "", "a=ok,b=wait", "Pending")]
    // A crashed container waiting with a last termination counts as stopped (never as succeeded), not as waiting to start.
    [InlineData("Never", "", "", "a=crash", "Failed")]
    [InlineData("Never", "", "", "a=crash0", "Failed")]
    [InlineData("OnFailure", "", "", "a=crash0", "Running")]
    // Sidecars that stopped are left out of the phase.
    [InlineData("Never", "s+", "s=err", "a=ok", "Succeeded")]
    [InlineData("Never", "s+", "s=crash", "a=ok", "Succeeded")]
    [InlineData("Always", "s+", "s=crash", "a=run", "Running")]
    public void Phase_ForContainerStates_IsUpstreamsPhase(string restartPolicy, string init, string initStates, string appStates, string expected)
    {
        var apps = Parse(appStates);
        var pod = Pod(restartPolicy, [.. apps.Select(s => s.Name)]).WithInit(Names(init));
        var phase = PodPhaseRules.Phase(pod, Parse(initStates).Where(s => s.State is not null).ToList(), apps.Where(s => s.State is not null).ToList());
        Assert.Equal(expected, phase);
    }

    [Theory]
    [InlineData("Never", "a=ok", "Running")]
    [InlineData("Never", "a=err", "Running")]
    [InlineData("OnFailure", "a=ok", "Running")]
    public void Phase_AppContainersDoneButSidecarRunning_IsRunning(string restartPolicy, string appStates, string expected)
    {
        var apps = Parse(appStates);
        var pod = Pod(restartPolicy, [.. apps.Select(s => s.Name)]).WithInit("s+");
        Assert.Equal(expected, PodPhaseRules.Phase(pod, [RunningStatus("s")], apps));
    }

    [Fact]
    public void Phase_WithoutRestartPolicy_DefaultsToAlways()
    {
        var pod = Pod("Never", "a");
        pod.Spec.RestartPolicy = null;
        Assert.Equal("Running", PodPhaseRules.Phase(pod, [], [TerminatedStatus("a", 0)]));
    }

    private static string[] Names(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static List<V1ContainerStatus> Parse(string list) =>
    [
        .. Names(list).Select(entry =>
        {
            var (name, state) = (entry.Split('=')[0], entry.Split('=')[1]);
            return state switch
            {
                "run" => RunningStatus(name),
                "starting" => RunningStatus(name, started: false),
                "ok" => TerminatedStatus(name, 0),
                "err" => TerminatedStatus(name, 1),
                "wait" => WaitingStatus(name),
                "crash" => CrashedStatus(name, 1),
                "crash0" => CrashedStatus(name, 0),
                "none" => new V1ContainerStatus { Name = name },
                _ => throw new ArgumentException("unknown state " + state),
            };
        }),
    ];
}
