using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.DefaultPreemption;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.DefaultPreemption;

public sealed class CandidatePickerTests
{
    private static readonly DateTime Early = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Late = Early.AddHours(1);

    [Fact]
    public void Pick_PrefersFewerDisruptionBudgetViolations_OverLowerPriorities()
    {
        var picked = CandidatePicker.Pick([Candidate("a", 1, Victim(0)), Candidate("b", 0, Victim(50))]);

        Assert.Equal("b", picked!.NodeName);
    }

    [Fact]
    public void Pick_ThenTheLowestMostImportantVictim_ThenTheSmallestSum_ThenTheFewestVictims()
    {
        Assert.Equal("b", CandidatePicker.Pick([Candidate("a", 0, Victim(20)), Candidate("b", 0, Victim(10), Victim(10))])!.NodeName);
        Assert.Equal("a", CandidatePicker.Pick([Candidate("a", 0, Victim(10), Victim(1)), Candidate("b", 0, Victim(10), Victim(5))])!.NodeName);
        Assert.Equal("b", CandidatePicker.Pick([Candidate("a", 0, Victim(-5), Victim(-5)), Candidate("b", 0, Victim(-5))])!.NodeName);
    }

    [Fact]
    public void Pick_ThenTheNodeWhoseMostImportantVictimsStartedLatest_ThenTheFirst()
    {
        Assert.Equal("b", CandidatePicker.Pick([Candidate("a", 0, Victim(5, Early)), Candidate("b", 0, Victim(5, Late))])!.NodeName);
        Assert.Equal("a", CandidatePicker.Pick([Candidate("a", 0, Victim(5, Late)), Candidate("b", 0, Victim(5, Late))])!.NodeName);
    }

    private static PreemptionCandidate Candidate(string node, int violations, params PodInfo[] victims) => new(node, victims, violations);

    private static PodInfo Victim(int priority, DateTime? started = null) => Make.Info(PreemptionSetup.Pod("v", priority, "1", "n", started ?? Early));
}
